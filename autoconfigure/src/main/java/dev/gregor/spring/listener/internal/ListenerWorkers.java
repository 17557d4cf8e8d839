package dev.gregor.spring.listener.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads a key-ordered container runs its listener on: virtual threads when the runtime has them (Java 21 and
 * later; looked up once, reflectively, since the build targets Java 17), else a pool of at most {@code parallelism}
 * daemon platform threads that end after a minute idle. Either way the threads are named
 * {@code gregor-listener-<container id>-worker-<n>}.
 */
final class ListenerWorkers {

    private static final Logger log = LoggerFactory.getLogger(ListenerWorkers.class);
    private static final @Nullable VirtualThreads VIRTUAL = VirtualThreads.lookUp();

    private ListenerWorkers() {
    }

    /** Whether the workers are virtual threads on this runtime. */
    static boolean virtual() {
        return VIRTUAL != null;
    }

    /** Workers for the container {@code containerId}, running at most {@code parallelism} tasks at once. */
    static ExecutorService of(String containerId, int parallelism) {
        String prefix = "gregor-listener-" + containerId + "-worker-";
        if (VIRTUAL != null) {
            try {
                return VIRTUAL.executor(prefix);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("Could not start virtual threads for listener container {}; using platform threads: {}",
                        containerId, e.toString());
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, prefix + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(parallelism, parallelism, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), daemons);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** {@code Thread.ofVirtual().name(prefix, 0).factory()} and {@code Executors.newThreadPerTaskExecutor}, found once. */
    private record VirtualThreads(Method ofVirtual, Method name, Method factory, Method perTask) {

        static @Nullable VirtualThreads lookUp() {
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                return new VirtualThreads(Thread.class.getMethod("ofVirtual"),
                        builder.getMethod("name", String.class, long.class), builder.getMethod("factory"),
                        Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class));
            } catch (ReflectiveOperationException before21) {
                return null;
            }
        }

        ExecutorService executor(String prefix) throws ReflectiveOperationException {
            Object named = name.invoke(ofVirtual.invoke(null), prefix, 0L);
            return (ExecutorService) perTask.invoke(null, (ThreadFactory) factory.invoke(named));
        }
    }
}

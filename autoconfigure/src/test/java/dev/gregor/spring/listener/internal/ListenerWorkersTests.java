package dev.gregor.spring.listener.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ListenerWorkersTests {

    @Test
    void workersAreVirtualThreadsFromJava21ElseDaemonPlatformThreadsNamedAfterTheContainer() throws Exception {
        ExecutorService workers = ListenerWorkers.of("orders-0", 2);
        try {
            Thread worker = CompletableFuture.supplyAsync(Thread::currentThread, workers).get(10, TimeUnit.SECONDS);

            assertThat(ListenerWorkers.virtual()).isEqualTo(Runtime.version().feature() >= 21);
            assertThat(worker.getName()).startsWith("gregor-listener-orders-0-worker-");
            assertThat(worker.isDaemon()).isTrue();
            if (ListenerWorkers.virtual()) {
                assertThat(Thread.class.getMethod("isVirtual").invoke(worker)).isEqualTo(true);
            }
        } finally {
            workers.shutdown();
        }
    }
}

package dev.gregor.reliability;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Counts the leaks Netty's leak detector reports (a buffer collected without {@code release()}), besides logging
 * them as Netty does. It must be installed before Netty creates its buffer leak detector, that is before the JVM
 * touches its first {@code ByteBuf}: {@link #install()} says whether it was in time.
 */
public final class LeakCounter extends ResourceLeakDetectorFactory {

    private static final LeakCounter INSTANCE = new LeakCounter();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final AtomicInteger leaks = new AtomicInteger();
    private final AtomicBoolean watchesBuffers = new AtomicBoolean();

    private LeakCounter() {
    }

    /** Installs the counter (once) and returns it; see {@link #watchesBuffers()} for whether it was in time. */
    public static LeakCounter install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(INSTANCE);
            Unpooled.buffer(1).release(); // makes Netty create its buffer leak detector now, if it has not yet
        }
        return INSTANCE;
    }

    /** Whether the buffers' leak detector is this counter's: false if Netty made its own before the install. */
    public boolean watchesBuffers() {
        return watchesBuffers.get();
    }

    /** How many leaks were reported so far. */
    public int leaks() {
        return leaks.get();
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
        if (ByteBuf.class.isAssignableFrom(resource)) {
            watchesBuffers.set(true);
        }
        return new CountingDetector<>(resource, samplingInterval);
    }

    private final class CountingDetector<T> extends ResourceLeakDetector<T> {

        CountingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            leaks.incrementAndGet();
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            leaks.incrementAndGet();
            super.reportUntracedLeak(resourceType);
        }
    }
}

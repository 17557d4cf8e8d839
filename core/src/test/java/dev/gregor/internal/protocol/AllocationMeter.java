package dev.gregor.internal.protocol;

import java.lang.management.ManagementFactory;

/**
 * Counts the heap bytes the current thread allocates, through the JVM's own per-thread counter: the measurable bound
 * behind "a decoder allocates at most about the frame's size".
 */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private AllocationMeter() {
    }

    /** The bytes the current thread has allocated so far; differences between two calls are what ran between. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("This JVM cannot count the bytes a thread allocates");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}

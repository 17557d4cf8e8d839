package dev.gregor.benchmarks.internal;

import java.lang.management.ManagementFactory;

/** This process's CPU time, all threads, from the JVM's operating-system bean. */
public final class CpuClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    /** CPU nanoseconds this process has used so far. */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }
}

package dev.gregor.benchmarks.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Wall and CPU time of a measured span, pacing for fixed-rate runs, and latency percentiles. */
public final class Measurement {

    private final long startNanos = System.nanoTime();
    private final long startCpu = CpuClock.processCpuNanos();
    private final Map<ThreadCpu.Kind, Long> startJvmThreads = ThreadCpu.jvmThreadNanos();

    /** The result of the span that started when this was made. */
    public Result finish(String client, Scenario scenario, long records, long p50Micros, long p99Micros) {
        long nanos = System.nanoTime() - startNanos;
        long cpu = CpuClock.processCpuNanos() - startCpu;
        Map<ThreadCpu.Kind, Long> jvmThreads = ThreadCpu.jvmThreadNanos();
        return new Result(client, scenario, 0, records, records * scenario.valueSize(), nanos, cpu,
                spent(ThreadCpu.Kind.JIT, jvmThreads), spent(ThreadCpu.Kind.GC, jvmThreads), p50Micros, p99Micros,
                ManagementFactory.getThreadMXBean().getThreadCount(), residentKib());
    }

    /** CPU nanoseconds {@code kind}'s threads spent since the start, or -1 if /proc could not tell. */
    private long spent(ThreadCpu.Kind kind, Map<ThreadCpu.Kind, Long> now) {
        if (now.isEmpty() || startJvmThreads.isEmpty()) {
            return -1;
        }
        return now.getOrDefault(kind, 0L) - startJvmThreads.getOrDefault(kind, 0L);
    }

    /** The process's resident set size in KiB, from {@code /proc/self/status}; -1 where that cannot be read. */
    static long residentKib() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Waits until the {@code index}-th record of a run at {@code perSecond} records a second is due. */
    public void paceTo(long index, int perSecond) {
        long due = startNanos + index * TimeUnit.SECONDS.toNanos(1) / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The {@code percentile} (0-100) of {@code latenciesNanos}, in microseconds. */
    public static long percentileMicros(long[] latenciesNanos, double percentile) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
        return TimeUnit.NANOSECONDS.toMicros(sorted[Math.max(0, index)]);
    }

    /** A value of {@code size} bytes, compressible like typical text. */
    public static byte[] value(int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = (byte) ('a' + (i * 7 + i / 13) % 26);
        }
        return value;
    }
}

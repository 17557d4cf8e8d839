package dev.gregor.benchmarks.internal;

import java.util.Locale;

/**
 * One client's figures for one run of one scenario.
 *
 * @param client      the client under test
 * @param scenario    the scenario
 * @param run         which run of the scenario this was (1, 2, ...; 0 until the suite numbers it)
 * @param records     records measured
 * @param bytes       value bytes measured
 * @param nanos       wall time from the first measured record to the last
 * @param cpuNanos    the client process's CPU time over the same span, all threads
 * @param jitCpuNanos the part of it spent in JIT-compiler threads (-1 if unknown or not a JVM)
 * @param gcCpuNanos  the part of it spent in GC threads (-1 if unknown or not a JVM)
 * @param p50Micros   median send-to-acknowledgement latency (latency runs), else -1
 * @param p99Micros   99th percentile latency (latency runs), else -1
 * @param threads     the client process's live threads at the end of the span
 * @param rssKib      the client process's resident set size at the end of the span, in KiB (-1 if unknown)
 */
public record Result(String client, Scenario scenario, int run, long records, long bytes, long nanos, long cpuNanos,
                     long jitCpuNanos, long gcCpuNanos, long p50Micros, long p99Micros, long threads, long rssKib) {

    /** The header of {@link #toCsv()}'s rows. */
    public static final String CSV_HEADER = "client,scenario,run,records,records_per_s,mb_per_s,cpu_s_per_million,"
            + "app_cpu_s_per_million,jit_cpu_s_per_million,gc_cpu_s_per_million,p50_ms,p99_ms,threads,rss_mib";

    /** This result as run {@code number} of its scenario. */
    public Result withRun(int number) {
        return new Result(client, scenario, number, records, bytes, nanos, cpuNanos, jitCpuNanos, gcCpuNanos, p50Micros,
                p99Micros, threads, rssKib);
    }

    public double recordsPerSecond() {
        return records / (nanos / 1e9);
    }

    public double megabytesPerSecond() {
        return bytes / (nanos / 1e9) / (1024 * 1024);
    }

    public double cpuSecondsPerMillion() {
        return perMillion(cpuNanos);
    }

    /** CPU seconds per million records outside the JIT and GC threads (all of it where the split is unknown). */
    public double applicationCpuSecondsPerMillion() {
        return perMillion(cpuNanos - Math.max(0, jitCpuNanos) - Math.max(0, gcCpuNanos));
    }

    /** JIT-compiler CPU seconds per million records, or -1 if unknown. */
    public double jitCpuSecondsPerMillion() {
        return jitCpuNanos < 0 ? -1 : perMillion(jitCpuNanos);
    }

    /** GC CPU seconds per million records, or -1 if unknown. */
    public double gcCpuSecondsPerMillion() {
        return gcCpuNanos < 0 ? -1 : perMillion(gcCpuNanos);
    }

    private double perMillion(long nanosOfCpu) {
        return nanosOfCpu / 1e9 / (records / 1e6);
    }

    /** A single line: the form a forked run reports its result in. */
    public String toLine() {
        return String.join(",", client, scenario.name(), Integer.toString(run), Long.toString(records),
                Long.toString(bytes), Long.toString(nanos), Long.toString(cpuNanos), Long.toString(jitCpuNanos),
                Long.toString(gcCpuNanos), Long.toString(p50Micros), Long.toString(p99Micros), Long.toString(threads),
                Long.toString(rssKib));
    }

    /** Reads {@link #toLine()}'s form. */
    public static Result fromLine(String line) {
        String[] parts = line.split(",");
        long[] numbers = new long[parts.length - 2];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = Long.parseLong(parts[i + 2]);
        }
        return new Result(parts[0], Scenario.valueOf(parts[1]), (int) numbers[0], numbers[1], numbers[2], numbers[3],
                numbers[4], numbers[5], numbers[6], numbers[7], numbers[8], numbers[9], numbers[10]);
    }

    /** The CSV row under {@link #CSV_HEADER}; unknown figures are empty. */
    public String toCsv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%.0f,%.2f,%.3f,%.3f,%s,%s,%s,%s,%d,%s", client, scenario.name(), run,
                records, recordsPerSecond(), megabytesPerSecond(), cpuSecondsPerMillion(),
                applicationCpuSecondsPerMillion(), known(jitCpuSecondsPerMillion()), known(gcCpuSecondsPerMillion()),
                millis(p50Micros), millis(p99Micros), threads, residentMib());
    }

    /** The resident set size in MiB, or an empty string if unknown. */
    public String residentMib() {
        return rssKib < 0 ? "" : Long.toString(rssKib / 1024);
    }

    private static String known(double figure) {
        return figure < 0 ? "" : String.format(Locale.ROOT, "%.3f", figure);
    }

    private static String millis(long micros) {
        return micros < 0 ? "" : String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}

package dev.gregor.benchmarks.internal;

import java.util.Locale;

/**
 * One client's figures for one scenario.
 *
 * @param client     the client under test
 * @param scenario   the scenario
 * @param records    records measured
 * @param bytes      value bytes measured
 * @param nanos      wall time from the first measured record to the last
 * @param cpuNanos   the client process's CPU time over the same span
 * @param p50Micros  median send-to-acknowledgement latency (latency runs), else -1
 * @param p99Micros  99th percentile latency (latency runs), else -1
 * @param threads    the client process's live threads at the end of the span
 * @param rssKib     the client process's resident set size at the end of the span, in KiB (-1 if unknown)
 */
public record Result(String client, Scenario scenario, long records, long bytes, long nanos, long cpuNanos,
                     long p50Micros, long p99Micros, long threads, long rssKib) {

    public double recordsPerSecond() {
        return records / (nanos / 1e9);
    }

    public double megabytesPerSecond() {
        return bytes / (nanos / 1e9) / (1024 * 1024);
    }

    public double cpuSecondsPerMillion() {
        return cpuNanos / 1e9 / (records / 1e6);
    }

    /** A single line: the form a forked run reports its result in. */
    public String toLine() {
        return String.join(",", client, scenario.name(), Long.toString(records), Long.toString(bytes),
                Long.toString(nanos), Long.toString(cpuNanos), Long.toString(p50Micros), Long.toString(p99Micros),
                Long.toString(threads), Long.toString(rssKib));
    }

    /** Reads {@link #toLine()}'s form. */
    public static Result fromLine(String line) {
        String[] parts = line.split(",");
        return new Result(parts[0], Scenario.valueOf(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                Long.parseLong(parts[4]), Long.parseLong(parts[5]), Long.parseLong(parts[6]), Long.parseLong(parts[7]),
                Long.parseLong(parts[8]), Long.parseLong(parts[9]));
    }

    /**
     * The CSV row: client, scenario, records/s, MB/s, CPU s per million, p50 and p99 in ms (empty unless measured),
     * threads, RSS in MiB.
     */
    public String toCsv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%.0f,%.2f,%.3f,%s,%s,%d,%s", client, scenario.name(), records,
                recordsPerSecond(), megabytesPerSecond(), cpuSecondsPerMillion(), millis(p50Micros), millis(p99Micros),
                threads, residentMib());
    }

    /** The resident set size in MiB, or an empty string if unknown. */
    public String residentMib() {
        return rssKib < 0 ? "" : Long.toString(rssKib / 1024);
    }

    private static String millis(long micros) {
        return micros < 0 ? "" : String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}

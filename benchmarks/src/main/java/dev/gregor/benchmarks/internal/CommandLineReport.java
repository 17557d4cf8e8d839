package dev.gregor.benchmarks.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The table of a command-line comparison: per tool, the median (min-max) time to the first record, total time and CPU,
 * and, for gregor, the median ratio of its total time and CPU to kcat's in the run of the same number.
 */
public final class CommandLineReport {

    private static final String ROW = "%-7s %4s %22s %22s %12s %18s %8s %8s%n";

    private CommandLineReport() {
    }

    /** The table for {@code runs} (each tool's runs in run order, interleaved) of {@code records} records each. */
    public static String table(List<CommandLineReadRun> runs, int records) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Reading %d x 100 B from the beginning to the"
                + " end, whole process, %s%n", records, "medians (min-max); x = median of the paired ratios to kcat"));
        table.append(String.format(Locale.ROOT, ROW, "tool", "runs", "first record s", "total s", "records/s",
                "CPU s", "x total", "x CPU"));
        List<CommandLineReadRun> kcat = runs.stream().filter(run -> run.tool().equals("kcat")).toList();
        for (String tool : List.of("gregor", "kcat")) {
            List<CommandLineReadRun> own = runs.stream().filter(run -> run.tool().equals(tool)).toList();
            if (own.isEmpty()) {
                continue;
            }
            table.append(String.format(Locale.ROOT, ROW, tool, own.size(),
                    spread(own, run -> run.firstRecordNanos() / 1e9, "%.3f"),
                    spread(own, run -> run.totalNanos() / 1e9, "%.2f"),
                    String.format(Locale.ROOT, "%.0f", median(own, CommandLineReadRun::recordsPerSecond)),
                    spread(own, run -> run.cpuNanos() / 1e9, "%.2f"),
                    pairedRatio(own, kcat, CommandLineReadRun::totalNanos),
                    pairedRatio(own, kcat, CommandLineReadRun::cpuNanos)));
        }
        return table.toString();
    }

    private static String spread(List<CommandLineReadRun> runs, ToDoubleFunction<CommandLineReadRun> figure,
                                 String format) {
        double[] values = runs.stream().mapToDouble(figure).toArray();
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", Summary.median(values),
                Arrays.stream(values).min().orElse(Double.NaN),
                Arrays.stream(values).max().orElse(Double.NaN));
    }

    private static double median(List<CommandLineReadRun> runs, ToDoubleFunction<CommandLineReadRun> figure) {
        return Summary.median(runs.stream().mapToDouble(figure).toArray());
    }

    private static String pairedRatio(List<CommandLineReadRun> runs, List<CommandLineReadRun> reference,
                                      ToDoubleFunction<CommandLineReadRun> figure) {
        int pairs = Math.min(runs.size(), reference.size());
        if (pairs == 0) {
            return "";
        }
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            ratios[i] = figure.applyAsDouble(runs.get(i)) / figure.applyAsDouble(reference.get(i));
        }
        return String.format(Locale.ROOT, "%.2f", Summary.median(ratios));
    }
}

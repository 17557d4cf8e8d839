package dev.gregor.benchmarks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The results of one suite: per scenario and client the median of its runs with their range, the ratios to
 * kafka-clients taken pair by pair, the CPU split into application, JIT and GC threads; as a table, as
 * {@code results.csv} (the same summary), {@code runs.csv} (every run) and PNG box plots of records/s and CPU per record.
 */
public final class Report {

    private static final String ROW = "%-24s %-21s %4s %10s %-19s %7s %7s %-13s %7s %7s %7s %7s %7s %7s %7s %7s %7s%n";
    private static final String CSV_HEADER = "client,scenario,runs,records_per_s,records_per_s_min,records_per_s_max,"
            + "mb_per_s,cpu_s_per_million,cpu_s_per_million_min,cpu_s_per_million_max,app_cpu_s_per_million,"
            + "jit_cpu_s_per_million,gc_cpu_s_per_million,x_records_per_s,x_cpu,p50_ms,p99_ms,threads,rss_mib";

    private final List<Result> results;
    private final List<Summary> summaries;

    public Report(List<Result> results) {
        this.results = List.copyOf(results);
        Map<String, List<Result>> byScenarioAndClient = new LinkedHashMap<>();
        for (Result result : results) {
            byScenarioAndClient.computeIfAbsent(result.scenario() + " " + result.client(), key -> new ArrayList<>()).add(result);
        }
        this.summaries = byScenarioAndClient.values().stream()
                .map(runs -> new Summary(runs.get(0).scenario(), runs.get(0).client(), runs)).toList();
    }

    /** The table, one row per scenario and client: medians, ranges (min-max) and paired ratios. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, ROW, "scenario", "client", "runs",
                "records/s", "(min-max)", "MB/s", "CPU s/M", "(min-max)", "x rec/s", "x CPU", "app", "JIT", "GC",
                "p50 ms", "p99 ms", "threads", "RSS MiB"));
        for (Summary summary : summaries) {
            Optional<Summary> reference = reference(summary);
            table.append(String.format(Locale.ROOT, ROW, summary.scenario(), summary.client(), summary.runs().size(),
                    format("%.0f", summary.median(Result::recordsPerSecond)),
                    format("%.0f", summary.min(Result::recordsPerSecond)) + "-" + format("%.0f", summary.max(Result::recordsPerSecond)),
                    format("%.1f", summary.median(Result::megabytesPerSecond)),
                    format("%.3f", summary.median(Result::cpuSecondsPerMillion)),
                    format("%.2f", summary.min(Result::cpuSecondsPerMillion)) + "-" + format("%.2f", summary.max(Result::cpuSecondsPerMillion)),
                    ratio(summary, reference, Result::recordsPerSecond), ratio(summary, reference, Result::cpuSecondsPerMillion),
                    format("%.3f", summary.median(Result::applicationCpuSecondsPerMillion)),
                    known("%.3f", summary.median(Result::jitCpuSecondsPerMillion)),
                    known("%.3f", summary.median(Result::gcCpuSecondsPerMillion)),
                    known("%.2f", summary.median(Result::p50Micros) / 1000),
                    known("%.2f", summary.median(Result::p99Micros) / 1000),
                    known("%.0f", summary.median(Result::threads)),
                    known("%.0f", summary.median(Result::rssKib) / 1024)));
        }
        return table.toString();
    }

    /** The paired ratio of a figure to kafka-clients' in the same scenario, e.g. {@code 1.25}; empty without one. */
    static String ratio(Summary summary, Optional<Summary> reference, ToDoubleFunction<Result> figure) {
        return reference.flatMap(base -> summary.pairedRatio(base, figure)).map(ratio -> format("%.2f", ratio)).orElse("");
    }

    private Optional<Summary> reference(Summary summary) {
        return summaries.stream().filter(each -> each.scenario() == summary.scenario()
                && each.client().equals(KafkaClientsDriver.NAME)).findFirst();
    }

    /** Writes {@code results.csv}, {@code runs.csv}, {@code throughput.png} and {@code cpu.png} into {@code directory}. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>(List.of(CSV_HEADER));
        for (Summary summary : summaries) {
            Optional<Summary> reference = reference(summary);
            lines.add(String.join(",", summary.client(), summary.scenario().name(), Integer.toString(summary.runs().size()),
                    format("%.0f", summary.median(Result::recordsPerSecond)), format("%.0f", summary.min(Result::recordsPerSecond)),
                    format("%.0f", summary.max(Result::recordsPerSecond)), format("%.2f", summary.median(Result::megabytesPerSecond)),
                    format("%.3f", summary.median(Result::cpuSecondsPerMillion)),
                    format("%.3f", summary.min(Result::cpuSecondsPerMillion)),
                    format("%.3f", summary.max(Result::cpuSecondsPerMillion)),
                    format("%.3f", summary.median(Result::applicationCpuSecondsPerMillion)),
                    known("%.3f", summary.median(Result::jitCpuSecondsPerMillion)),
                    known("%.3f", summary.median(Result::gcCpuSecondsPerMillion)),
                    ratio(summary, reference, Result::recordsPerSecond), ratio(summary, reference, Result::cpuSecondsPerMillion),
                    known("%.3f", summary.median(Result::p50Micros) / 1000), known("%.3f", summary.median(Result::p99Micros) / 1000),
                    known("%.0f", summary.median(Result::threads)), known("%.0f", summary.median(Result::rssKib) / 1024)));
        }
        Files.write(directory.resolve("results.csv"), lines, StandardCharsets.UTF_8);
        List<String> runs = new ArrayList<>(List.of(Result.CSV_HEADER));
        results.forEach(result -> runs.add(result.toCsv()));
        Files.write(directory.resolve("runs.csv"), runs, StandardCharsets.UTF_8);
        chart(directory.resolve("throughput.png"), "Throughput, records/s (higher is better; box and whiskers: the runs, line: their median)",
                Result::recordsPerSecond);
        chart(directory.resolve("cpu.png"), "Client CPU seconds per million records (lower is better; box and whiskers: the runs, line: their median)",
                Result::cpuSecondsPerMillion);
    }

    private void chart(Path file, String title, ToDoubleFunction<Result> figure) throws IOException {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        summaries.stream().filter(summary -> summary.scenario().kind() != Scenario.Kind.LATENCY)
                .forEach(summary -> data.add(summary.runs().stream().map(figure::applyAsDouble).toList(),
                        summary.client(), summary.scenario().name()));
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(title, "scenario", null, data, true);
        ((BoxAndWhiskerRenderer) chart.getCategoryPlot().getRenderer()).setMeanVisible(false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1400, 600);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    /** {@code value} formatted, or empty if negative (unknown, or not measured in this scenario). */
    private static String known(String pattern, double value) {
        return value < 0 ? "" : format(pattern, value);
    }
}

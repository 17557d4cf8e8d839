package dev.gregor.benchmarks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The results of one suite: a table with each figure and its ratio to kafka-clients from the same run, a CSV file
 * and PNG bar charts (records/s and CPU seconds per million records per scenario and client).
 */
public final class Report {

    private final List<Result> results;

    public Report(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /** The table, one row per scenario and client. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%-24s %-21s %12s %8s %9s %8s %8s %8s %8s %8s %8s%n", "scenario", "client", "records/s", "MB/s",
                "CPU s/M", "x rec/s", "x CPU", "p50 ms", "p99 ms", "threads", "RSS MiB"));
        for (Result result : results) {
            Optional<Result> reference = reference(result);
            table.append(String.format(Locale.ROOT, "%-24s %-21s %12.0f %8.1f %9.3f %8s %8s %8s %8s %8d %8s%n",
                    result.scenario(), result.client(), result.recordsPerSecond(), result.megabytesPerSecond(),
                    result.cpuSecondsPerMillion(),
                    ratio(result, reference, Result::recordsPerSecond), ratio(result, reference, Result::cpuSecondsPerMillion),
                    result.p50Micros() < 0 ? "" : String.format(Locale.ROOT, "%.2f", result.p50Micros() / 1000.0),
                    result.p99Micros() < 0 ? "" : String.format(Locale.ROOT, "%.2f", result.p99Micros() / 1000.0),
                    result.threads(), result.residentMib()));
        }
        return table.toString();
    }

    /** The ratio of a figure to kafka-clients' in the same scenario, e.g. {@code 1.25}. */
    static String ratio(Result result, Optional<Result> reference, ToDoubleFunction<Result> figure) {
        return reference.map(base -> String.format(Locale.ROOT, "%.2f", figure.applyAsDouble(result) / figure.applyAsDouble(base)))
                .orElse("");
    }

    private Optional<Result> reference(Result result) {
        return results.stream().filter(each -> each.scenario() == result.scenario()
                && each.client().equals(KafkaClientsDriver.NAME)).findFirst();
    }

    /** Writes {@code results.csv}, {@code throughput.png} and {@code cpu.png} into {@code directory}. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>();
        lines.add("client,scenario,records,records_per_s,mb_per_s,cpu_s_per_million,p50_ms,p99_ms,threads,rss_mib");
        results.forEach(result -> lines.add(result.toCsv()));
        Files.write(directory.resolve("results.csv"), lines, StandardCharsets.UTF_8);
        chart(directory.resolve("throughput.png"), "Throughput (records/s, higher is better)", Result::recordsPerSecond);
        chart(directory.resolve("cpu.png"), "Client CPU seconds per million records (lower is better)",
                Result::cpuSecondsPerMillion);
    }

    private void chart(Path file, String title, ToDoubleFunction<Result> figure) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        results.stream().filter(result -> result.scenario().kind() != Scenario.Kind.LATENCY)
                .forEach(result -> data.addValue(figure.applyAsDouble(result), result.client(), result.scenario().name()));
        JFreeChart chart = ChartFactory.createBarChart(title, "scenario", null, data, PlotOrientation.HORIZONTAL,
                true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 600);
    }
}

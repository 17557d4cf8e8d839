package dev.gregor.benchmarks.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The runs of one client in one scenario: medians and ranges of their figures, and ratios to a reference client's
 * runs taken pair by pair (run i against the reference's run i, then the median of those ratios), so that a machine
 * that slows down for a while weighs on both sides of a pair alike.
 *
 * @param scenario the scenario
 * @param client   the client
 * @param runs     its runs, by run number
 */
public record Summary(Scenario scenario, String client, List<Result> runs) {

    public Summary {
        runs = runs.stream().sorted(Comparator.comparingInt(Result::run)).toList();
    }

    /** The median of {@code figure} over the runs. */
    public double median(ToDoubleFunction<Result> figure) {
        return median(runs.stream().mapToDouble(figure).toArray());
    }

    /** The smallest value of {@code figure} over the runs. */
    public double min(ToDoubleFunction<Result> figure) {
        return runs.stream().mapToDouble(figure).min().orElse(Double.NaN);
    }

    /** The largest value of {@code figure} over the runs. */
    public double max(ToDoubleFunction<Result> figure) {
        return runs.stream().mapToDouble(figure).max().orElse(Double.NaN);
    }

    /**
     * The median over the run numbers both have of this run's {@code figure} divided by the reference's in the run of
     * the same number; empty if they share none.
     */
    public Optional<Double> pairedRatio(Summary reference, ToDoubleFunction<Result> figure) {
        Map<Integer, Result> byRun = reference.runs.stream().collect(Collectors.toMap(Result::run, Function.identity()));
        double[] ratios = runs.stream().filter(run -> byRun.containsKey(run.run()))
                .mapToDouble(run -> figure.applyAsDouble(run) / figure.applyAsDouble(byRun.get(run.run()))).toArray();
        return ratios.length == 0 ? Optional.empty() : Optional.of(median(ratios));
    }

    /** The median of {@code values}: the middle one, or the mean of the middle two. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

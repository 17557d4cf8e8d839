package dev.gregor.benchmarks.internal;

import java.time.Duration;
import java.util.List;

/**
 * How long each run warms up and measures: by time ({@code warmup}, then {@code span}: the steady-state default), or
 * by record count ({@code quick}: the scenario's records times {@code scale}, after a tenth of them to warm up).
 *
 * @param quick  size by records instead of time
 * @param warmup the warm-up of a timed run
 * @param span   the measured span of a timed run
 * @param scale  multiplies the scenario's record counts (quick runs, listener runs and pre-filled topics)
 */
public record Sizing(boolean quick, Duration warmup, Duration span, double scale) {

    /** The warm-up phase of {@code scenario}, starting now. */
    public Phase warmup(Scenario scenario) {
        return quick ? Phase.ofRecords(scenario.records(scale) / 10) : Phase.ofTime(warmup);
    }

    /** The measured phase of {@code scenario}, starting now. */
    public Phase span(Scenario scenario) {
        return quick ? Phase.ofRecords(scenario.records(scale)) : Phase.ofTime(span);
    }

    /** Records a fixed-rate run sends in its warm-up ({@code measured} false) or its measured span, at {@code perSecond}. */
    public int fixedRateRecords(Scenario scenario, boolean measured, int perSecond) {
        if (quick) {
            return measured ? scenario.records(scale) : scenario.records(scale) / 10;
        }
        return (int) ((measured ? span : warmup).toMillis() * perSecond / 1000);
    }

    /** The form a forked run gets this in: four arguments. */
    public List<String> toArgs() {
        return List.of(Boolean.toString(quick), Long.toString(warmup.toMillis()), Long.toString(span.toMillis()),
                Double.toString(scale));
    }

    /** Reads {@link #toArgs()}'s form from {@code args} at {@code from}. */
    public static Sizing fromArgs(String[] args, int from) {
        return new Sizing(Boolean.parseBoolean(args[from]), Duration.ofMillis(Long.parseLong(args[from + 1])),
                Duration.ofMillis(Long.parseLong(args[from + 2])), Double.parseDouble(args[from + 3]));
    }
}

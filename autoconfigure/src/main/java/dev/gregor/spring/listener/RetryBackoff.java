package dev.gregor.spring.listener;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import dev.gregor.InvalidConfigException;

/**
 * The waits between attempts of a failing record: {@code initial} before the first retry, multiplied by
 * {@code multiplier} before each further one, capped at {@code max}; with a {@code jitter} of, say, 0.2 each wait is
 * drawn evenly from 80–120% of that (and still capped), so that containers failing together do not retry in step.
 *
 * @param initial    the wait before the first retry ({@code gregor.listener.retry-backoff})
 * @param multiplier the factor from one wait to the next, 1 or more ({@code retry-backoff-multiplier})
 * @param max        the longest wait ({@code retry-backoff-max})
 * @param jitter     the random spread of each wait as a fraction, 0 to 1 ({@code retry-backoff-jitter})
 */
public record RetryBackoff(Duration initial, double multiplier, Duration max, double jitter) {

    /**
     * Checks the values.
     *
     * @throws InvalidConfigException for a negative wait, a multiplier below 1, a cap below the first wait, or a
     *                                jitter outside 0–1
     */
    public RetryBackoff {
        if (initial == null || initial.isNegative()) {
            throw new InvalidConfigException("retryBackoff", initial, "a duration of 0 or more");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new InvalidConfigException("retryBackoffMultiplier", multiplier, "a number of 1 or more (1 = a fixed wait)");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new InvalidConfigException("retryBackoffMax", max, "a duration of at least the first wait, " + initial);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new InvalidConfigException("retryBackoffJitter", jitter, "a fraction from 0 (none) to 1");
        }
    }

    /** A fixed wait of {@code wait} between attempts. */
    public static RetryBackoff fixed(Duration wait) {
        return new RetryBackoff(wait, 1.0, wait, 0);
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry); {@code random} gives numbers in [0, 1) for
     * the jitter.
     */
    public Duration before(int retry, DoubleSupplier random) {
        double nanos = initial.toNanos() * Math.pow(multiplier, retry - 1);
        double cap = max.toNanos();
        double capped = Math.min(nanos, cap);
        double spread = capped * (1 + jitter * (2 * random.getAsDouble() - 1));
        return Duration.ofNanos((long) Math.min(spread, cap));
    }
}

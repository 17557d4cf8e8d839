package dev.gregor.internal.client;

import java.time.Duration;

import dev.gregor.InvalidConfigException;

/** The range checks every configuration builder applies, failing with the property's name and allowed range. */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /** {@code value} if it lies in {@code min..max}. */
    public static int within(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(property, value, min + " to " + max);
        }
        return value;
    }

    /** {@code value} if it is set and lies in {@code min..max}. */
    public static Duration within(String property, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigException(property, value, min + " to " + max);
        }
        return value;
    }
}

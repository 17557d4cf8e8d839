package dev.gregor.spring.autoconfigure;

import java.time.Duration;

import dev.gregor.spring.listener.internal.DurationText;
import org.jspecify.annotations.Nullable;

/**
 * A {@code gregor.*} property holds a value Gregor cannot work with. Thrown while the auto-configured beans are made;
 * at startup {@link GregorPropertyFailureAnalyzer} turns it into a report naming the property, the value as written,
 * what is allowed and the fix.
 */
public final class InvalidGregorPropertyException extends RuntimeException {

    private final String property;
    private final @Nullable Object value;
    private final String allowed;
    private final String action;

    /** For {@code property} set to {@code value}, which is not {@code allowed}; {@code action} says how to fix it. */
    public InvalidGregorPropertyException(String property, @Nullable Object value, String allowed, String action,
                                          @Nullable Throwable cause) {
        super((value == null ? property + " is not set" : property + " is invalid: " + value) + " (allowed: " + allowed
                + "). " + action, cause);
        this.property = property;
        this.value = value;
        this.allowed = allowed;
        this.action = action;
    }

    /** {@code value} of the duration {@code property} if it is zero or positive; otherwise throws this exception. */
    static Duration nonNegative(Duration value, String property) {
        if (value.isNegative()) {
            throw new InvalidGregorPropertyException(property, DurationText.of(value), "a duration of 0 or more",
                    "Set " + property + " to how long to wait, e.g. 10s; 0 does not wait at all.", null);
        }
        return value;
    }

    /** {@code value} of the duration {@code property} if it is positive; otherwise throws this exception. */
    static Duration positive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidGregorPropertyException(property, DurationText.of(value), "a positive duration",
                    "Set " + property + " to how long to wait, e.g. 5s.", null);
        }
        return value;
    }

    /** The property, as written in application properties ({@code gregor.producer.linger}). */
    public String property() {
        return property;
    }

    /** The value as bound (a Duration, a number, an enum), or null if there is none. */
    public @Nullable Object value() {
        return value;
    }

    /** What the property allows. */
    public String allowed() {
        return allowed;
    }

    /** How to fix it. */
    public String action() {
        return action;
    }
}

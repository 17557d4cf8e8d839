package dev.gregor;

/** A configuration value is out of range or malformed; the message names the property and what is allowed. */
public final class InvalidConfigException extends KafkaException {

    private final String property;
    private final Object value;
    private final String allowed;

    /** For {@code property} set to {@code value}, which is not {@code allowed}. */
    public InvalidConfigException(String property, Object value, String allowed) {
        super("Invalid " + property + ": " + value + " (allowed: " + allowed + ")");
        this.property = property;
        this.value = value;
        this.allowed = allowed;
    }

    /** The property's name. */
    public String property() {
        return property;
    }

    /** The value refused (may be null). */
    public Object value() {
        return value;
    }

    /** What the property allows, as a phrase ("1024 to 16777216"). */
    public String allowed() {
        return allowed;
    }

    private InvalidConfigException(InvalidConfigException original) {
        super(original);
        this.property = original.property;
        this.value = original.value;
        this.allowed = original.allowed;
    }

    @Override
    KafkaException rethrown() {
        return new InvalidConfigException(this);
    }
}

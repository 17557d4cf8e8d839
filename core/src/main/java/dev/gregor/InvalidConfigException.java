package dev.gregor;

/** A configuration value is out of range or malformed; the message names the property and what is allowed. */
public final class InvalidConfigException extends KafkaException {

    private final String property;

    /** For {@code property} set to {@code value}, which is not {@code allowed}. */
    public InvalidConfigException(String property, Object value, String allowed) {
        super("Invalid " + property + ": " + value + " (allowed: " + allowed + ")");
        this.property = property;
    }

    /** The property's name. */
    public String property() {
        return property;
    }

    private InvalidConfigException(InvalidConfigException original) {
        super(original);
        this.property = original.property;
    }

    @Override
    KafkaException rethrown() {
        return new InvalidConfigException(this);
    }
}

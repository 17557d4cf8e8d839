package dev.gregor.internal.protocol.generator;

/** A schema the generator cannot read or does not support; the message names the schema and the field. */
public final class SchemaException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the schema and field
     */
    public SchemaException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the schema and field
     * @param cause the underlying failure
     */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.gregor;

/** A broker sent bytes that are not a valid answer, or the client and broker share no version of an API. */
public final class ProtocolException extends KafkaException {

    /** For a protocol violation described by {@code message}. */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    private ProtocolException(ProtocolException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new ProtocolException(this);
    }
}

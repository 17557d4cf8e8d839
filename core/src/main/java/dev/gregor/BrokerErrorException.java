package dev.gregor;

/** A broker answered a request with an error code that has no more specific exception. */
public final class BrokerErrorException extends KafkaException {

    private final String error;
    private final boolean retriable;

    /** For {@code error} (Kafka's name for the code) returned while doing {@code operation}. */
    public BrokerErrorException(String operation, String error, boolean retriable) {
        super(operation + " failed: the broker answered " + error);
        this.error = error;
        this.retriable = retriable;
    }

    /** Kafka's name of the error, with its code. */
    public String error() {
        return error;
    }

    @Override
    public boolean isRetriable() {
        return retriable;
    }

    private BrokerErrorException(BrokerErrorException original) {
        super(original);
        this.error = original.error;
        this.retriable = original.retriable;
    }

    @Override
    KafkaException rethrown() {
        return new BrokerErrorException(this);
    }
}

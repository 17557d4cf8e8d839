package dev.gregor;

/** A produced record was not delivered: the broker refused it, or it could not be sent before its deadline. */
public final class DeliveryException extends KafkaException {

    private final String topic;
    private final int partition;

    /** For a record of {@code topic}/{@code partition} (-1 if no partition was chosen yet) that failed. */
    public DeliveryException(String topic, int partition, String reason, Throwable cause) {
        super("Record for topic '" + topic + "'" + (partition >= 0 ? " partition " + partition : "")
                + " was not delivered: " + reason, cause);
        this.topic = topic;
        this.partition = partition;
    }

    /** The record's topic. */
    public String topic() {
        return topic;
    }

    /** The record's partition, or -1 if none was chosen. */
    public int partition() {
        return partition;
    }

    private DeliveryException(DeliveryException original) {
        super(original);
        this.topic = original.topic;
        this.partition = original.partition;
    }

    @Override
    KafkaException rethrown() {
        return new DeliveryException(this);
    }
}

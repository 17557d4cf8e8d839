package dev.gregor;

/** A partition id that the topic does not have. */
public final class UnknownPartitionException extends KafkaException {

    /** For partition {@code partition} of a topic with {@code partitionCount} partitions. */
    public UnknownPartitionException(String topic, int partition, int partitionCount) {
        super("Topic '" + topic + "' has no partition " + partition + ": its partitions are 0 to "
                + (partitionCount - 1));
    }

    private UnknownPartitionException(UnknownPartitionException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new UnknownPartitionException(this);
    }
}

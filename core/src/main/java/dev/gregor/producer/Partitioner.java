package dev.gregor.producer;

/**
 * Chooses the partition of each record that does not name one. Implementations must be thread-safe; several
 * threads may produce at once. {@link Partitioners} has the built-in ones.
 */
@FunctionalInterface
public interface Partitioner {

    /**
     * The partition for a record.
     *
     * @param topic          the topic's name
     * @param key            the record's partition key, or {@code null}
     * @param partitionCount how many partitions the topic has (at least 1)
     * @return a partition id from 0 to {@code partitionCount - 1}
     */
    int partition(String topic, byte[] key, int partitionCount);

    /**
     * Told when the batch being filled for {@code partition} is full, so a sticky partitioner can move on.
     * Does nothing by default.
     */
    default void batchFull(String topic, int partition) {
    }
}

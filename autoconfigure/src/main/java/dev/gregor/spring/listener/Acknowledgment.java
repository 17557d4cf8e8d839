package dev.gregor.spring.listener;

import java.time.Duration;

/**
 * Manual commits: a {@link TopicListener} method that takes one decides itself what counts as processed, and its
 * container commits nothing else (in the background, every {@code gregor.listener.commit-interval}, and when it
 * stops). Call it on the listener thread, before the method returns.
 *
 * <pre>{@code
 * @TopicListener(topics = "orders", group = "billing")
 * void onOrder(Order order, Acknowledgment ack) {
 *     if (bill(order)) ack.acknowledge(); else ack.nack(Duration.ofSeconds(5));
 * }
 *
 * @TopicListener(topics = "orders", group = "export")
 * void onOrders(List<Order> orders, Acknowledgment ack) {
 *     int stored = store(orders);
 *     if (stored == orders.size()) ack.acknowledge(); else ack.nack(stored, Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p>A pause after a nack pauses the whole container (the consumer cannot pause single partitions), bounded by the
 * consumer's max poll interval; a record that went to the dead-letter topic counts as acknowledged once every record
 * before it in its partition is.
 */
public interface Acknowledgment {

    /**
     * The record (of a batch listener: every record of the batch) and everything before it in its partition is
     * processed: its offset may be committed.
     */
    void acknowledge();

    /**
     * Re-delivers from the record (of a batch listener: from its first record) after {@code pause}: nothing from it
     * on is committed, the consumer goes back to it, and the container waits {@code pause} before reading on.
     */
    void nack(Duration pause);

    /**
     * Batch listeners: the records before {@code index} are processed (acknowledged); re-delivers from the one at
     * {@code index} after {@code pause} (in each partition of the batch, from its first record at or after
     * {@code index}).
     *
     * @throws IndexOutOfBoundsException if {@code index} is not an index of the batch
     */
    void nack(int index, Duration pause);
}

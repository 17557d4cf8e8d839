package dev.gregor.producer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.gregor.TopicPartition;
import dev.gregor.consumer.GroupMetadata;

/**
 * Produces records to a topic ({@code client.topic("orders").producer()}, bound to it) or to any topic each call
 * names ({@code client.producer()}). Asynchronous and batched by default: {@code produce} returns as soon as the
 * record is queued, and batches go out per partition when full or after the linger time. In {@code sync} mode
 * {@code produce} returns only once the record is acknowledged, or throws. {@link #close()} flushes first, so
 * try-with-resources delivers everything produced in the block. Thread-safe.
 *
 * <pre>{@code
 * try (Producer producer = client.topic("orders").producer()) {
 *     producer.produce("hello".getBytes());
 *     producer.send(value, key).thenAccept(report -> log.info("at offset {}", report.offset()));
 * }
 * try (Producer producer = client.producer()) {
 *     producer.send("orders", ProducerRecord.of("hello"));
 *     producer.send("invoices", ProducerRecord.of("paid").withKey("o-1"));
 * }
 * }</pre>
 *
 * <p>Producers of one client whose configurations agree on the engine settings (acks, idempotence, linger, batch
 * size, compression, timeouts, backend) share one engine: one background thread, one producer id, one request per
 * broker for all their topics. Each producer's {@code flush} and {@code close} wait for its own records only.
 *
 * <p>Futures from {@code send} complete on the producer's own background thread: chain blocking work with the
 * {@code ...Async} variants.
 *
 * <p>A producer with a {@code transactionalId} writes in transactions: what it produces between
 * {@link #beginTransaction()} and {@link #commitTransaction()}, to any topics, and the consumer offsets it adds
 * with {@link #sendOffsets}, become visible to {@code READ_COMMITTED} consumers together, or — after
 * {@link #abortTransaction()} or a failure — never. Starting it fences any older producer with the same id.
 *
 * <pre>{@code
 * try (Producer producer = client.producer(ProducerConfig.builder().transactionalId("copier-1").build())) {
 *     producer.runInTransaction(tx -> {
 *         for (Message message : consumer.consumeBatch(500, Duration.ofSeconds(1))) {
 *             tx.send("out", ProducerRecord.of(transform(message.value())));
 *         }
 *         tx.sendOffsets(consumer.groupMetadata(), nextOffsets);
 *     });
 * }
 * }</pre>
 */
public interface Producer extends AutoCloseable {

    /** The topic this producer is bound to; empty for one from {@code client.producer()}, which names it per call. */
    Optional<String> topic();

    /** The producer's configuration. */
    ProducerConfig config();

    /**
     * Produces a record: queues it (async) or waits for its acknowledgement (sync).
     *
     * @throws dev.gregor.RecordTooLargeException    if it is larger than {@code maxRequestSize} or the topic's
     *                                               {@code max.message.bytes} (as read when the producer started)
     * @throws dev.gregor.UnknownPartitionException  if it names a partition the topic does not have
     * @throws dev.gregor.KafkaTimeoutException      if the queue stayed full for {@code maxBlock}
     * @throws dev.gregor.ClientClosedException      if the producer is closed
     * @throws dev.gregor.DeliveryException          in sync mode, if the record was not delivered
     * @throws dev.gregor.InvalidConfigException     if the producer is bound to no topic: name it,
     *                                               {@code produce("orders", record)}
     */
    void produce(ProducerRecord record);

    /**
     * Produces a record to {@code topic}, whichever topic the producer is bound to; see
     * {@link #produce(ProducerRecord)}. The first record for a topic may block (up to {@code maxBlock}) while the
     * topic is looked up; later ones do not.
     *
     * @throws dev.gregor.UnknownTopicException if the cluster has no such topic
     */
    void produce(String topic, ProducerRecord record);

    /** Produces a value without a key; see {@link #produce(ProducerRecord)}. */
    default void produce(byte[] value) {
        produce(ProducerRecord.of(value));
    }

    /** Produces a value with a partition key; see {@link #produce(ProducerRecord)}. */
    default void produce(byte[] value, byte[] partitionKey) {
        produce(ProducerRecord.of(value).withKey(partitionKey));
    }

    /**
     * Queues a record and returns a future of its delivery report, which fails with a
     * {@link dev.gregor.KafkaException} if the record is not delivered. Bad input fails at the call, as for
     * {@link #produce(ProducerRecord)}.
     */
    CompletableFuture<DeliveryReport> send(ProducerRecord record);

    /** Queues a record for {@code topic}, whichever topic the producer is bound to; see {@link #send(ProducerRecord)}. */
    CompletableFuture<DeliveryReport> send(String topic, ProducerRecord record);

    /** Queues a value with a partition key; see {@link #send(ProducerRecord)}. */
    default CompletableFuture<DeliveryReport> send(byte[] value, byte[] partitionKey) {
        return send(ProducerRecord.of(value).withKey(partitionKey));
    }

    /**
     * The next delivery report (one per record produced), waiting up to {@code timeout}; null if none came.
     * Needs {@code deliveryReports(true)}.
     */
    DeliveryReport deliveryReport(Duration timeout);

    /**
     * Counters of this producer's records delivered and failed since it started, and of the batches and requests
     * its engine sent (shared with the other producers on the same engine).
     */
    ProducerMetrics metrics();

    /**
     * Sends every queued record now and waits until each of this producer's records queued before the call is
     * acknowledged or has failed.
     */
    void flush();

    /**
     * Opens a transaction: records produced from now until {@link #commitTransaction()} or
     * {@link #abortTransaction()} belong to it. A transactional producer refuses records while no transaction is open.
     *
     * @throws dev.gregor.InvalidConfigException     if the producer has no {@code transactionalId}
     * @throws IllegalStateException                 if a transaction is open already
     * @throws dev.gregor.FatalTransactionException  if the producer was fenced or failed for good: close it
     */
    void beginTransaction();

    /**
     * Adds consumed offsets to the open transaction: {@code offsets} holds, per partition, the next offset to read
     * (the offset after the last record processed), committed for {@code group} if and only if the transaction
     * commits. With a member's metadata ({@code consumer.groupMetadata()}) the group's coordinator refuses them once
     * the member lost its partitions in a rebalance, and the transaction can then only be aborted. Blocks up to
     * {@code maxBlock}.
     *
     * @throws dev.gregor.AbortableTransactionException if the coordinator refused the offsets: abort
     * @throws IllegalStateException                    if no transaction is open
     */
    void sendOffsets(GroupMetadata group, Map<TopicPartition, Long> offsets);

    /**
     * Commits the open transaction: waits until every record of it is acknowledged (at most about the delivery
     * timeout), then has the coordinator commit the records and offsets together.
     *
     * @throws dev.gregor.AbortableTransactionException if a record of it was not delivered, or the coordinator
     *                                                  aborted it ({@link dev.gregor.TransactionTimeoutException}):
     *                                                  call {@link #abortTransaction()}, then redo the work
     * @throws dev.gregor.FatalTransactionException     if the producer was fenced or failed for good: close it
     * @throws dev.gregor.KafkaTimeoutException         if the coordinator did not answer in time: the transaction
     *                                                  is still open; commit again, or abort
     * @throws IllegalStateException                    if no transaction is open
     */
    void commitTransaction();

    /**
     * Aborts the open transaction: records of it not sent yet fail (their futures with a
     * {@link dev.gregor.DeliveryException} saying so), and what was written is never shown to {@code READ_COMMITTED}
     * consumers.
     *
     * @throws dev.gregor.FatalTransactionException if the producer was fenced or failed for good: close it
     * @throws dev.gregor.KafkaTimeoutException     if the coordinator did not answer in time: abort again
     * @throws IllegalStateException                if no transaction is open
     */
    void abortTransaction();

    /**
     * Runs {@code work} in a transaction of its own: begins one, runs the work with this producer, and commits; if
     * the work throws or the commit fails with an abortable error, aborts and rethrows.
     *
     * @throws dev.gregor.AbortableTransactionException if the transaction could not commit (it is aborted)
     * @throws dev.gregor.FatalTransactionException     if the producer was fenced or failed for good: close it
     */
    void runInTransaction(Consumer<Producer> work);

    /**
     * Flushes, then stops the producer: waits until every record of it is acknowledged or has failed, which takes at
     * most about the delivery timeout. The engine stops with the last producer on it. Records produced afterwards
     * are refused. Safe to call twice.
     */
    @Override
    void close();

    /**
     * Flushes for at most {@code timeout}, then stops the producer. Records not acknowledged by then (the brokers
     * are unreachable, say) are given up: their futures and reports fail with a
     * {@link dev.gregor.DeliveryException} saying the producer was closed; the broker may still have written those
     * that were already sent, and while other producers keep the engine running it may still send them. Records
     * produced afterwards are refused. Safe to call twice.
     */
    void close(Duration timeout);
}

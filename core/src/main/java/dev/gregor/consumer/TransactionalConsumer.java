package dev.gregor.consumer;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import dev.gregor.Message;
import dev.gregor.producer.Producer;

/**
 * Consume-transform-produce with exactly-once results: a balanced consumer whose progress is committed in the
 * transactions of its own transactional producer, from {@code client.transactionalConsumer(...)}. Records handed out
 * since the last commit, the records produced while handling them, and the consumer offsets past them, commit
 * together or not at all; a {@code READ_COMMITTED} reader of the output sees every input's results exactly once,
 * across crashes, restarts and rebalances.
 *
 * <pre>{@code
 * try (TransactionalConsumer copier = client.transactionalConsumer(consumerConfig,
 *         ProducerConfig.builder().transactionalId("copier-" + instance).build(), List.of("in"))) {
 *     while (running) {
 *         copier.processBatch(1_000, Duration.ofSeconds(1),
 *                 (message, producer) -> producer.send("out", ProducerRecord.of(transform(message.value()))));
 *     }
 * }
 * }</pre>
 *
 * <p>The consumer reads {@code READ_COMMITTED} (so aborted input is never copied) and commits nothing outside the
 * transactions. A transaction opens when {@link #consumeBatch} first hands out records after a commit. When the group
 * rebalances while a transaction is open, the revocation waits (up to half the rebalance timeout) for it to commit;
 * one still open then is aborted at {@link #commit()}, which returns false, and its records are handed out again (to
 * this member or the partitions' new owner). With Kafka's group coordinator ({@code managed(true)}) the offsets carry
 * the member's generation, so the coordinator itself refuses a transaction of a member that lost its partitions, and a
 * new owner waits for an open transaction to end before it reads the committed offsets: no input is lost or copied
 * twice. With ZooKeeper groups only the revocation wait protects: a member whose ZooKeeper session expired while it
 * processed (a long GC pause, a network partition) may still commit its open transaction after its partitions moved,
 * and those inputs are then copied twice; use managed groups where exactly-once must hold under such faults.
 *
 * <p>Not thread-safe: one thread consumes, handles and commits; {@link #close()} may come from any thread.
 */
public interface TransactionalConsumer extends AutoCloseable {

    /**
     * The balanced consumer, for its assignment, positions, lag and {@code wakeup()}; consume through
     * {@link #consumeBatch} only, and never commit its offsets yourself.
     */
    BalancedMultiTopicConsumer consumer();

    /**
     * The transactional producer: send the results of handled records with it while a transaction is open (after
     * {@link #consumeBatch} handed out records, until {@link #commit()}); leave beginning and committing to this
     * consumer.
     */
    Producer producer();

    /**
     * Up to {@code maxMessages} messages, waiting at most {@code timeout} for the first (as
     * {@link MultiTopicConsumer#consumeBatch}); opens a transaction when it hands out records and none is open.
     */
    List<Message> consumeBatch(int maxMessages, Duration timeout);

    /**
     * Commits the open transaction: the records produced in it and the offsets past every record handed out since the
     * last commit. Returns true once committed (also when no transaction was open); false when it aborted instead —
     * the group took partitions away meanwhile, or the transaction could not commit (a record of it was refused, the
     * coordinator refused the offsets or timed the transaction out) — in which case the records handed out since the
     * last commit are handed out again.
     *
     * @throws dev.gregor.FatalTransactionException if the producer was fenced (another instance with its
     *                                              transactional id started) or failed for good: close this
     */
    boolean commit();

    /** Aborts the open transaction, if any; the records handed out since the last commit are handed out again. */
    void abort();

    /**
     * One round: {@link #consumeBatch}, {@code handler} for each message with the producer, then {@link #commit()}.
     * Returns how many messages were committed: all of the batch, or 0 if none came or the commit aborted. A handler
     * that throws aborts the transaction (the batch is handed out again) and the exception propagates.
     */
    int processBatch(int maxMessages, Duration timeout, BiConsumer<Message, Producer> handler);

    /** Aborts an open transaction, leaves the group, and closes the producer. Safe to call twice, from any thread. */
    @Override
    void close();
}

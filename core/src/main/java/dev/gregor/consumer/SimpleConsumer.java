package dev.gregor.consumer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Message;

/**
 * Reads a topic — all its partitions or a chosen subset — without coordinating with other consumers, optionally
 * storing its offsets under a consumer group so that it resumes where it stopped. Fetches run ahead in the
 * background (one request in flight per broker), so {@link #consume()} usually returns at once.
 *
 * <pre>{@code
 * try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder()
 *         .consumerGroup("charlie").autoCommit(true).consumerTimeout(Duration.ofSeconds(5)).build())) {
 *     for (Message message : consumer) {          // ends after 5 s without a new message
 *         handle(message.value());
 *     }
 * }
 * }</pre>
 *
 * <p>Consume from one thread at a time; the offset methods, {@link #wakeup()} and {@link #close()} may be called from
 * any thread. Closing the consumer (or its client) from another thread ends a waiting {@code consume()} at once:
 * it throws {@link dev.gregor.ClientClosedException}, and an iteration simply ends.
 */
public interface SimpleConsumer extends Iterable<Message>, AutoCloseable {

    /** The topic read. */
    String topic();

    /** The partitions read, in id order. */
    List<Integer> partitions();

    /**
     * The next message, waiting for the consumer timeout (forever if none is set).
     *
     * @return the message, or null if the timeout passed without one or {@link #wakeup()} was called
     * @throws dev.gregor.OffsetOutOfRangeException if a partition's offset left the log and autoOffsetReset is NONE;
     *                                              for a balanced consumer also if its group assigned it a
     *                                              partition without a committed offset (and from then on: close
     *                                              it and fix the offsets or the reset policy)
     * @throws dev.gregor.ClientClosedException    if the consumer is closed, also when it (or its client) is
     *                                              closed while this waits
     */
    Message consume();

    /** The next message, waiting at most {@code timeout}; null if none came. Otherwise as {@link #consume()}. */
    Message consume(Duration timeout);

    /**
     * Iterates by {@link #consume()}: the iteration ends when the consumer timeout passes without a message, when
     * {@link #wakeup()} is called, or when the consumer (or its client) is closed, from any thread.
     */
    @Override
    Iterator<Message> iterator();

    /**
     * Makes a {@code consume()} waiting in another thread return null at once, so that an iteration over this
     * consumer ends, without closing it: consume again, or iterate anew, to carry on. If no {@code consume()} is
     * waiting, the next one returns null at once (a wake-up is never lost to a race with the consuming thread).
     * Safe to call from any thread.
     */
    void wakeup();

    /**
     * Per partition, the offset of the last message consumed (-1 if none yet): PyKafka's held offsets. Once the
     * records of a transaction are all consumed, it is the offset of the commit marker after them, which a consumer
     * never hands out: the next offset to read (and to commit) is past it, as in Kafka's own consumers.
     */
    Map<Integer, Long> heldOffsets();

    /** Per partition, the group's committed offset (the next to read), or -1 if none. Needs a consumer group. */
    Map<Integer, Long> fetchOffsets();

    /**
     * The consumer's group and, for a member of a group Kafka's coordinator manages, its current generation and
     * member id: what a transactional producer commits consumed offsets as,
     * {@code producer.sendOffsets(consumer.groupMetadata(), offsets)}. Needs a consumer group.
     */
    GroupMetadata groupMetadata();

    /** Commits, for the group, the offset after the last message consumed of each partition. Needs a group. */
    void commitOffsets();

    /**
     * As {@link #commitOffsets()}, without waiting: the offsets are taken now, the future completes when the
     * coordinator answered (exceptionally if it refused). Needs a group.
     */
    CompletableFuture<Void> commitOffsetsAsync();

    /** Continues each given partition at the given offset (0 or more), dropping what was fetched beyond it. */
    void resetOffsets(Map<Integer, Long> offsets);

    /** Continues every partition at its earliest or latest offset. */
    void resetOffsets(OffsetReset where);

    /** Continues every partition at the first record stamped at or after {@code epochMillis} (or at its end). */
    void resetOffsetsToTimestamp(long epochMillis);

    /** Per partition, how many records are behind the consumer: high watermark minus next offset to consume. */
    Map<Integer, Long> lag();

    /**
     * Ends a waiting {@code consume()} (see above), commits (with auto-commit on), leaves the group (balanced
     * consumers), stops fetching and frees buffered data. Safe to call twice, and from any thread.
     */
    @Override
    void close();
}

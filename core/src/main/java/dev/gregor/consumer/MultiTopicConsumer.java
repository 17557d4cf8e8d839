package dev.gregor.consumer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Message;
import dev.gregor.TopicPartition;

/**
 * Reads several topics — named ones, those a pattern matches, or hand-picked partitions of any topics — through one
 * fetch pipeline (one Fetch in flight per broker, carrying every partition it leads), without coordinating with
 * other consumers; optionally storing its offsets under a consumer group so that it resumes where it stopped. Every
 * per-partition answer is keyed by {@link TopicPartition}, and every message names its topic
 * ({@link Message#topic()}); order is kept within each partition, never across partitions.
 *
 * <pre>{@code
 * try (MultiTopicConsumer consumer = client.simpleConsumer(ConsumerConfig.builder()
 *         .consumerGroup("billing").autoCommit(true).build(), Pattern.compile("orders-.*"))) {
 *     for (Message message : consumer) {
 *         handle(message.topic(), message.value());
 *     }
 * }
 * }</pre>
 *
 * <p>Topics change while it runs: a consumer over a pattern starts reading a topic that begins to match (from its
 * committed offset, or where {@code autoOffsetReset} says) within the client's {@code metadataMaxAge}; a topic that
 * is deleted is dropped from {@link #partitions()} with one warning, and the others are read on. Both happen in the
 * consuming thread, during {@code consume()}. Kafka's internal topics never match a pattern.
 *
 * <p>Consume from one thread at a time; the offset methods, {@link #wakeup()} and {@link #close()} may be called from
 * any thread. Closing the consumer (or its client) from another thread ends a waiting {@code consume()} at once:
 * it throws {@link dev.gregor.ClientClosedException}, and an iteration simply ends.
 */
public interface MultiTopicConsumer extends Iterable<Message>, AutoCloseable {

    /** The topics read now: those with at least one partition in {@link #partitions()}. */
    Set<String> topics();

    /** The partitions read now, ordered by topic name, then id. */
    List<TopicPartition> partitions();

    /**
     * The next message of any of its partitions, waiting for the consumer timeout (forever if none is set).
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
     * What one poll brought: up to {@code maxMessages} messages, waiting at most {@code timeout} for the first, then
     * adding only those fetched already (never waiting for more). In order within each partition; empty if none came
     * or {@link #wakeup()} was called. Otherwise as {@link #consume()}.
     *
     * @throws dev.gregor.InvalidConfigException if {@code maxMessages} is below 1
     */
    List<Message> consumeBatch(int maxMessages, Duration timeout);

    /**
     * Iterates by {@link #consume()}: the iteration ends when the consumer timeout passes without a message, when
     * {@link #wakeup()} is called, or when the consumer (or its client) is closed, from any thread.
     */
    @Override
    Iterator<Message> iterator();

    /**
     * Makes a {@code consume()} waiting in another thread return null at once, so that an iteration over this
     * consumer ends, without closing it: consume again, or iterate anew, to carry on. If no {@code consume()} is
     * waiting, the next one returns null at once. Safe to call from any thread.
     */
    void wakeup();

    /**
     * Per partition, the offset of the last message consumed (-1 if none yet): PyKafka's held offsets. Once the
     * records of a transaction are all consumed, it is the offset of the commit marker after them, which a consumer
     * never hands out: the next offset to read (and to commit) is past it, as in Kafka's own consumers.
     */
    Map<TopicPartition, Long> heldOffsets();

    /** Per partition, the group's committed offset (the next to read), or -1 if none. Needs a consumer group. */
    Map<TopicPartition, Long> fetchOffsets();

    /**
     * The consumer's group and, for a member of a group Kafka's coordinator manages, its current generation and
     * member id: what a transactional producer commits consumed offsets as,
     * {@code producer.sendOffsets(consumer.groupMetadata(), offsets)}. Needs a consumer group.
     */
    GroupMetadata groupMetadata();

    /**
     * Commits, for the group, the offset after the last message consumed of each partition, of every topic, in one
     * request. Needs a group.
     */
    void commitOffsets();

    /**
     * As {@link #commitOffsets()}, without waiting: the offsets are taken now, the future completes when the
     * coordinator answered (exceptionally if it refused). Needs a group.
     */
    CompletableFuture<Void> commitOffsetsAsync();

    /**
     * Commits, for the group, the given next offsets (the offset after the last processed message) of partitions it
     * reads, rather than its consumed positions, without waiting; the future completes when the coordinator answered.
     * For manual commits that must not pass a message not processed yet. Needs a group.
     *
     * @throws dev.gregor.InvalidConfigException if a partition is not one of {@link #partitions()} or an offset is negative
     */
    CompletableFuture<Void> commitOffsetsAsync(Map<TopicPartition, Long> offsets);

    /**
     * Continues each given partition at the given offset (0 or more), dropping what was fetched beyond it.
     *
     * @throws dev.gregor.InvalidConfigException if a partition is not one of {@link #partitions()}
     */
    void resetOffsets(Map<TopicPartition, Long> offsets);

    /** Continues every partition at its earliest or latest offset. */
    void resetOffsets(OffsetReset where);

    /** Continues every partition at the first record stamped at or after {@code epochMillis} (or at its end). */
    void resetOffsetsToTimestamp(long epochMillis);

    /** Per partition, how many records are behind the consumer: high watermark minus next offset to consume. */
    Map<TopicPartition, Long> lag();

    /**
     * Ends a waiting {@code consume()} (see above), commits (with auto-commit on), leaves the group (balanced
     * consumers), stops fetching and frees buffered data. Safe to call twice, and from any thread.
     */
    @Override
    void close();
}

package dev.gregor.consumer;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gregor.TopicPartition;

/**
 * Told when a balanced consumer's partitions change. Callbacks run on the group membership's thread, one at a
 * time: {@link #offsetsToCommitOnRevoke} once the consumer stopped handing out records of the partitions and before
 * it commits their offsets; revocation after it committed them (auto-commit or not, what was consumed is committed,
 * unless {@code offsetsToCommitOnRevoke} chose other offsets); {@link #startingOffsets} once the new partitions are
 * owned and their starting positions looked up, before any record of theirs is handed out; assignment once they are
 * positioned, and still before any record of theirs is handed out (the consumer holds those records until it
 * returns). A callback that throws is logged and the member goes on; if {@code offsetsToCommitOnRevoke} throws,
 * nothing is committed for those partitions (their next owner reads on from the last commit); if
 * {@code startingOffsets} throws, the partitions start where they would have.
 *
 * <p>Consumers call {@link #topicPartitionsRevoked} and {@link #topicPartitionsAssigned}, which by default pass the
 * partition ids on to {@link #partitionsRevoked} and {@link #partitionsAssigned}: enough for a consumer of one
 * topic. A listener of a consumer of several topics overrides the {@code topicPartitions} methods, since ids alone
 * do not say which topic a partition belongs to.
 */
public interface RebalanceListener {

    /**
     * Asked when these partitions are taken away, once the consumer hands out no further record of theirs and before
     * their offsets are committed: the next offsets to commit for them (per partition, the offset after the last record
     * processed) instead of the consumed positions, which pass every record handed out. For a consumer whose
     * application processes records after they were handed out, or commits by hand what it processed: it may wait
     * here for the records in hand (bounded: the group's rebalance waits with it). A partition left out of the answer
     * is not committed; null (the default) commits what was consumed.
     */
    default Map<TopicPartition, Long> offsetsToCommitOnRevoke(Set<TopicPartition> partitions) {
        return null;
    }

    /**
     * Asked when partitions are given to this consumer, before any record of theirs is handed out: where each should
     * start, like the offsets PyKafka's {@code post_rebalance_callback} returned. {@code positions} holds, for every
     * newly assigned partition, the next offset the consumer would read: the group's committed offset, or where
     * {@code autoOffsetReset} points for a partition without one. Answer the partitions to move, each with the next
     * offset to read, or {@link #EARLIEST} / {@link #LATEST} for the log's start or end; partitions left out keep
     * their position, and null (the default) moves none. An offset outside the log is handled by
     * {@code autoOffsetReset} like any other. Nothing is committed here; the next commit holds the new position, as
     * after a seek.
     */
    default Map<TopicPartition, Long> startingOffsets(Map<TopicPartition, Long> positions) {
        return null;
    }

    /** In an answer of {@link #startingOffsets}: start at the first record the log still holds. */
    long EARLIEST = -2L;

    /** In an answer of {@link #startingOffsets}: start at the log end (only records produced from now on). */
    long LATEST = -1L;

    /** These partitions were taken away (their offsets are committed). */
    default void partitionsRevoked(Set<Integer> partitions) {
    }

    /** These partitions were given to this consumer. */
    default void partitionsAssigned(Set<Integer> partitions) {
    }

    /** These partitions, of any topics, were taken away (their offsets are committed). */
    default void topicPartitionsRevoked(Set<TopicPartition> partitions) {
        partitionsRevoked(ids(partitions));
    }

    /** These partitions, of any topics, were given to this consumer. */
    default void topicPartitionsAssigned(Set<TopicPartition> partitions) {
        partitionsAssigned(ids(partitions));
    }

    private static Set<Integer> ids(Set<TopicPartition> partitions) {
        Set<Integer> ids = new TreeSet<>();
        partitions.forEach(partition -> ids.add(partition.partition()));
        return Set.copyOf(ids);
    }
}

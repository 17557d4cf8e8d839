package dev.gregor.consumer;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gregor.TopicPartition;

/**
 * Told when a balanced consumer's partitions change. Callbacks run on the group membership's thread, one at a
 * time: {@link #topicPartitionsRevoking} once the consumer stopped handing out records of the partitions and before
 * it commits their offsets; revocation after it committed them (auto-commit or not, what was consumed is committed,
 * up to what {@code topicPartitionsRevoking} returned); assignment once the new partitions are owned and positioned.
 *
 * <p>Consumers call {@link #topicPartitionsRevoked} and {@link #topicPartitionsAssigned}, which by default pass the
 * partition ids on to {@link #partitionsRevoked} and {@link #partitionsAssigned}: enough for a consumer of one
 * topic. A listener of a consumer of several topics overrides the {@code topicPartitions} methods, since ids alone
 * do not say which topic a partition belongs to.
 */
public interface RebalanceListener {

    /**
     * These partitions are being taken away: no further record of theirs is handed out, and their offsets are about
     * to be committed, past every record already handed out. A consumer whose application processes records after
     * they were handed out waits here (bounded: the group's rebalance waits with it) for the records in hand, and
     * returns, per partition, the offset of the first record not processed when it stops waiting; the commit then
     * stops there. Empty (the default): commit past everything handed out.
     */
    default Map<TopicPartition, Long> topicPartitionsRevoking(Set<TopicPartition> partitions) {
        return Map.of();
    }

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

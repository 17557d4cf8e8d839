package dev.gregor.consumer;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gregor.TopicPartition;

/**
 * Told when a balanced consumer's partitions change. Callbacks run on the group membership's thread, one at a
 * time: revocation after the consumer stopped fetching the partitions and committed their offsets (auto-commit or
 * not, what was consumed is committed, unless {@link #offsetsToCommitOnRevoke} chooses other offsets), assignment
 * once the new partitions are owned and positioned.
 *
 * <p>Consumers call {@link #topicPartitionsRevoked} and {@link #topicPartitionsAssigned}, which by default pass the
 * partition ids on to {@link #partitionsRevoked} and {@link #partitionsAssigned}: enough for a consumer of one
 * topic. A listener of a consumer of several topics overrides the {@code topicPartitions} methods, since ids alone
 * do not say which topic a partition belongs to.
 */
public interface RebalanceListener {

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

    /**
     * Asked when partitions are taken away, after fetching them stopped and before their offsets are committed: the
     * next offsets to commit for them instead of the consumed positions, for a consumer that commits by hand what was
     * processed. A partition left out of the answer is not committed. Default null: commit what was consumed.
     */
    default Map<TopicPartition, Long> offsetsToCommitOnRevoke(Set<TopicPartition> partitions) {
        return null;
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

package dev.gregor;

import java.util.Objects;

/**
 * A partition named by its topic and id, the key of every per-partition answer of a consumer that reads several
 * topics (its positions, lag, commits, assignment). Ordered by topic name, then id.
 *
 * @param topic     the topic's name
 * @param partition the partition id, from 0
 */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    /** Checks the parts: a topic name and a partition id of 0 or more. */
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new InvalidConfigException("partition", partition, "a partition id of 0 or more");
        }
    }

    /** Partition {@code partition} of {@code topic}. */
    public static TopicPartition of(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Override
    public int compareTo(TopicPartition other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** Equal topic and id; written out because producers look partitions up by this key for every record. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TopicPartition that && partition == that.partition && topic.equals(that.topic);
    }

    @Override
    public int hashCode() {
        return 31 * topic.hashCode() + partition;
    }

    /** {@code topic-partition}, as Kafka's tools write it. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}

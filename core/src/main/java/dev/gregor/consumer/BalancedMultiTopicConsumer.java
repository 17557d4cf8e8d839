package dev.gregor.consumer;

import java.util.Set;

import dev.gregor.TopicPartition;

/**
 * A consumer that shares the partitions of several topics (named, or matched by a pattern) with the other members
 * of its consumer group, coordinated as a {@link BalancedConsumer} is (ZooKeeper or Kafka's group coordinator), with
 * offsets committed before a partition is handed over. It has the {@link MultiTopicConsumer} API;
 * {@link #partitions()} is the current assignment. A {@link RebalanceListener} hears of its changes through
 * {@link RebalanceListener#topicPartitionsAssigned} and {@link RebalanceListener#topicPartitionsRevoked}.
 */
public interface BalancedMultiTopicConsumer extends MultiTopicConsumer {

    /** The partitions this member currently owns, of every topic. */
    Set<TopicPartition> assignment();

    /** This member's id within the group. */
    String memberId();
}

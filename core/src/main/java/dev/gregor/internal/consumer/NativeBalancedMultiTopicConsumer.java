package dev.gregor.internal.consumer;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.group.AssignmentListener;
import dev.gregor.internal.group.GroupMembership;
import dev.gregor.internal.group.GroupMemberships;
import dev.gregor.internal.group.GroupOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's balanced consumer: a consumer whose partitions, of the topics of its subscription, come and go as its
 * {@link GroupMembership} reports, with offsets committed (as the membership's identity) before any partition is
 * handed over.
 */
public final class NativeBalancedMultiTopicConsumer extends NativeMultiTopicConsumer implements BalancedMultiTopicConsumer {

    private static final Logger log = LoggerFactory.getLogger(NativeBalancedMultiTopicConsumer.class);

    private final GroupMembership membership;

    /**
     * A balanced consumer over {@code subscription} (which it owns), in the group and with the coordination
     * {@code config} names (checked by {@link #requireGroup} first); it has joined its group when this returns.
     */
    NativeBalancedMultiTopicConsumer(ClientContext context, TopicSubscription subscription, ConsumerConfig config) {
        super(context, subscription, null, config);
        String group = config.consumerGroup().orElseThrow();
        try {
            this.membership = GroupMemberships.create(context, group, subscription,
                    () -> core.sinceLastConsume().compareTo(config.maxPollInterval()) > 0, config);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        membership.start(new AssignmentListener() {
            /**
             * Commits the revoked partitions of topics that still exist (the offsets the rebalance listener chooses, or
             * else the consumed positions); those of a deleted topic (the usual reason
             * for the rebalance then) are dropped, since a commit for them could only be refused until it timed out.
             */
            @Override
            public void revoke(Set<TopicPartition> partitions) {
                Set<TopicPartition> gone = partitions.stream().filter(NativeBalancedMultiTopicConsumer.this::ofDeletedTopic)
                        .collect(Collectors.toCollection(TreeSet::new));
                core.drop(gone);
                Set<TopicPartition> kept = new TreeSet<>(partitions);
                kept.removeAll(gone);
                core.revoke(kept, membership.commitIdentity(), NativeBalancedMultiTopicConsumer.this::chooseOffsets);
                tellListener("topicPartitionsRevoked", partitions,
                        () -> config.rebalanceListener().topicPartitionsRevoked(Set.copyOf(partitions)));
            }

            @Override
            public void suspend() {
                core.stopReading();
            }

            /**
             * Positions the partitions and tells the rebalance listener; no record of theirs is handed out before it
             * returns (as Kafka's consumers call onPartitionsAssigned before handing out records of the partitions).
             */
            @Override
            public void assign(Set<TopicPartition> partitions) {
                try {
                    position(partitions).ifPresent(positioned -> tellListener("topicPartitionsAssigned", positioned,
                            () -> config.rebalanceListener().topicPartitionsAssigned(Set.copyOf(positioned))));
                } finally {
                    core.openGate(partitions);
                }
            }
        });
        startAutoCommit();
    }

    /**
     * The offsets the rebalance listener chooses to commit for revoked partitions; if it throws, none: committing the
     * consumed positions instead could pass records the application had not processed, while committing nothing
     * only has the next owner read them again.
     */
    private Map<TopicPartition, Long> chooseOffsets(Set<TopicPartition> revoked) {
        try {
            return config.rebalanceListener().offsetsToCommitOnRevoke(revoked);
        } catch (RuntimeException e) {
            log.error("Member {}: the rebalance listener's offsetsToCommitOnRevoke threw for partitions {}; nothing is"
                    + " committed for them, so their next owner reads on from the last commit", membership.memberId(),
                    revoked, e);
            return Map.of();
        }
    }

    /**
     * The starting offsets the rebalance listener chooses for newly assigned partitions; if it throws, none (they
     * start where they would have).
     */
    private Map<TopicPartition, Long> chooseStartingOffsets(Map<TopicPartition, Long> positions) {
        try {
            return config.rebalanceListener().startingOffsets(positions);
        } catch (RuntimeException e) {
            log.error("Member {}: the rebalance listener's startingOffsets threw for partitions {}; they start at {}",
                    membership.memberId(), positions.keySet(), positions, e);
            return null;
        }
    }

    /**
     * Runs a rebalance listener callback; one that throws is logged and the rebalance goes on (an exception must not
     * end the membership: the member would stop heartbeating and its partitions would stall until it is evicted).
     */
    private void tellListener(String callback, Set<TopicPartition> partitions, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("Member {}: the rebalance listener's {} threw for partitions {}; the member goes on",
                    membership.memberId(), callback, partitions, e);
        }
    }

    /**
     * Starts reading partitions the group assigned, from their committed offsets or where the reset policy says;
     * returns those it did, empty if it could not. A failure that may pass (no broker reachable, a leader away) is
     * tried again every {@code rebalanceBackoff}, on the membership's thread, until positioning succeeds or the
     * consumer closes: the partitions are this member's, and the rest of the membership cannot go on without the
     * brokers anyway. The partitions of a topic deleted meanwhile are left out (the next rebalance drops them). A
     * lasting failure (no committed offset and no reset policy, say) is the consumer's: consume() throws it.
     */
    private Optional<Set<TopicPartition>> position(Set<TopicPartition> assigned) {
        Set<TopicPartition> partitions = new TreeSet<>(assigned);
        boolean waiting = false;
        while (!core.stopped()) {
            partitions.removeIf(this::ofDeletedTopic);
            try {
                core.assign(partitions, this::chooseStartingOffsets, true);
                if (waiting) {
                    log.info("Member {} positioned partitions {} after all", membership.memberId(), partitions);
                }
                return Optional.of(partitions);
            } catch (KafkaException e) {
                if (!e.isRetriable()) {
                    log.warn("Member {} cannot consume partitions {}: {}", membership.memberId(), partitions,
                            e.getMessage());
                    core.failAssignment(e);
                    return Optional.empty();
                }
                if (!waiting) {
                    log.warn("Member {} cannot position partitions {} yet, trying again every {} ms until it can or"
                            + " the consumer closes: {}", membership.memberId(), partitions,
                            config.rebalanceBackoff().toMillis(), e.getMessage());
                    waiting = true;
                }
            }
            try {
                Thread.sleep(config.rebalanceBackoff().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether {@code partition}'s topic has left the subscription: it was deleted. */
    private boolean ofDeletedTopic(TopicPartition partition) {
        return !subscription.topics().containsKey(partition.topic());
    }

    /** {@code config}, if it is one of a balanced consumer: a group, a coordination, no partitions of its own. */
    static ConsumerConfig requireGroup(ConsumerConfig config) {
        if (config.consumerGroup().isEmpty()) {
            throw new InvalidConfigException("consumerGroup", null, "a consumer group name: balanced consumers share a group's partitions");
        }
        if (!config.managed() && config.zookeeperConnect().isEmpty()) {
            throw new InvalidConfigException("managed / zookeeperConnect", "neither",
                    "managed(true) for Kafka's group coordinator, or zookeeperConnect(\"host:port\") for ZooKeeper");
        }
        if (!config.partitions().isEmpty()) {
            throw new InvalidConfigException("partitions", config.partitions(), "none: a balanced consumer's partitions are assigned by its group");
        }
        return config;
    }

    @Override
    GroupOffsets.Membership commitIdentity() {
        return membership.commitIdentity();
    }

    @Override
    public Set<TopicPartition> assignment() {
        return new TreeSet<>(core.partitions());
    }

    @Override
    public String memberId() {
        return membership.memberId();
    }

    @Override
    void beforeClose() {
        if (membership != null) {
            membership.close();
        }
    }

    /** The membership, for failure tests that make a member vanish without leaving. */
    GroupMembership membership() {
        return membership;
    }
}

package dev.gregor.internal.consumer;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.group.AssignmentListener;
import dev.gregor.internal.group.GroupMembership;
import dev.gregor.internal.group.GroupOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's balanced consumer: a consumer whose partitions come and go as its {@link GroupMembership} reports, with
 * offsets committed (as the membership's identity) before any partition is handed over.
 */
public final class NativeBalancedConsumer extends NativeSimpleConsumer implements BalancedConsumer {

    private static final Logger log = LoggerFactory.getLogger(NativeBalancedConsumer.class);

    private final GroupMembership membership;

    /**
     * A balanced consumer of {@code topic} whose membership {@code membershipFactory} creates; it has joined its
     * group when this returns.
     */
    public NativeBalancedConsumer(ClientContext context, String topic, ConsumerConfig config,
                                  MembershipFactory membershipFactory) {
        super(context, topic, requireGroup(config), false);
        this.membership = membershipFactory.create(() -> core.described().partitions().size(),
                () -> core.sinceLastConsume().compareTo(config.maxPollInterval()) > 0);
        membership.start(new AssignmentListener() {
            @Override
            public void revoke(Set<TopicPartition> revoked) {
                Set<Integer> partitions = ids(revoked);
                core.revoke(partitions, membership.commitIdentity());
                config.rebalanceListener().partitionsRevoked(partitions);
            }

            @Override
            public void suspend() {
                core.stopReading();
            }

            @Override
            public void assign(Set<TopicPartition> assigned) {
                Set<Integer> partitions = ids(assigned);
                try {
                    core.assign(partitions);
                } catch (KafkaException e) {
                    log.warn("Member {} cannot consume partitions {} of topic '{}': {}", membership.memberId(),
                            partitions, topic, e.getMessage());
                    core.failAssignment(e);
                    return;
                }
                config.rebalanceListener().partitionsAssigned(partitions);
            }
        });
        startAutoCommit();
    }

    /** Creates the membership, given the topic's partition count and whether the application stalled. */
    @FunctionalInterface
    public interface MembershipFactory {
        /** The membership of the new member. */
        GroupMembership create(java.util.function.IntSupplier partitionCount, java.util.function.BooleanSupplier stalled);
    }

    /** The partition ids of this consumer's one topic, in order (messages and logs name them so). */
    private static Set<Integer> ids(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    private static ConsumerConfig requireGroup(ConsumerConfig config) {
        if (config.consumerGroup().isEmpty()) {
            throw new InvalidConfigException("consumerGroup", null, "a consumer group name: balanced consumers share a group's partitions");
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
    public Set<Integer> assignment() {
        return new TreeSet<>(core.partitions());
    }

    @Override
    public String memberId() {
        return membership.memberId();
    }

    @Override
    void beforeClose() {
        membership.close();
    }

    /** The membership, for failure tests that make a member vanish without leaving. */
    GroupMembership membership() {
        return membership;
    }
}

package dev.gregor.internal.consumer;

import java.util.Set;
import java.util.TreeSet;

import dev.gregor.InvalidConfigException;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.balance.AssignmentListener;
import dev.gregor.internal.balance.GroupMembership;
import dev.gregor.internal.client.ClientContext;

/**
 * Gregor's balanced consumer: a consumer whose partitions come and go as its {@link GroupMembership} reports, with
 * offsets committed (as the membership's identity) before any partition is handed over.
 */
public final class NativeBalancedConsumer extends NativeSimpleConsumer implements BalancedConsumer {

    private final GroupMembership membership;

    /**
     * A balanced consumer of {@code topic} whose membership {@code membershipFactory} creates (given the consumer's
     * view of the topic's partition count); it has joined its group when this returns.
     */
    public NativeBalancedConsumer(ClientContext context, String topic, ConsumerConfig config,
                                  java.util.function.Function<java.util.function.IntSupplier, GroupMembership> membershipFactory) {
        super(context, topic, requireGroup(config), false);
        this.membership = membershipFactory.apply(() -> core.described().partitions().size());
        membership.start(new AssignmentListener() {
            @Override
            public void revoke(Set<Integer> partitions) {
                core.revoke(partitions, membership.commitIdentity());
                config.rebalanceListener().partitionsRevoked(Set.copyOf(partitions));
            }

            @Override
            public void assign(Set<Integer> partitions) {
                core.assign(partitions);
                config.rebalanceListener().partitionsAssigned(Set.copyOf(partitions));
            }
        });
        startAutoCommit();
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
    dev.gregor.internal.consumer.GroupOffsets.Membership commitIdentity() {
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

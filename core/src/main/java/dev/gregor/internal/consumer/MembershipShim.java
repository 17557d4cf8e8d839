package dev.gregor.internal.consumer;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.gregor.InvalidConfigException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.group.AssignmentListener;
import dev.gregor.internal.group.GroupMembership;
import dev.gregor.internal.group.GroupMemberships;
import dev.gregor.internal.group.GroupSubscription;

/**
 * TEMPORARY SHIM, to be deleted when the memberships over a {@link GroupSubscription} land (issue 14, branch
 * h-group): creates today's one-topic membership for a subscription of exactly one named topic, and translates its
 * partition ids to {@link TopicPartition}s for a {@link Listener} shaped like the coming
 * {@code AssignmentListener(Set<TopicPartition>)}.
 */
final class MembershipShim {

    /** The coming {@code AssignmentListener}: the same calls, in the same order, over topic-partitions. */
    interface Listener {
        void revoke(Set<TopicPartition> partitions);

        void suspend();

        void assign(Set<TopicPartition> partitions);
    }

    private MembershipShim() {
    }

    /** The membership of a new member of {@code group} over {@code subscription}'s single topic, not yet started. */
    static GroupMembership create(ClientContext context, String group, GroupSubscription subscription,
                                  BooleanSupplier stalled, ConsumerConfig config) {
        if (subscription.topics().size() != 1) {
            throw new InvalidConfigException("topics", subscription.topics().keySet(), "exactly one existing topic:"
                    + " balanced consumers over several topics or a pattern come with the multi-topic group memberships");
        }
        String topic = subscription.topics().firstKey();
        return GroupMemberships.create(context, group, topic, () -> subscription.topics().getOrDefault(topic, 0),
                stalled, config);
    }

    /** Starts {@code membership}, reporting its changes of {@code topic}'s partitions to {@code listener}. */
    static void start(GroupMembership membership, String topic, Listener listener) {
        membership.start(new AssignmentListener() {
            @Override
            public void revoke(Set<Integer> partitions) {
                listener.revoke(of(topic, partitions));
            }

            @Override
            public void suspend() {
                listener.suspend();
            }

            @Override
            public void assign(Set<Integer> partitions) {
                listener.assign(of(topic, partitions));
            }
        });
    }

    private static Set<TopicPartition> of(String topic, Set<Integer> partitions) {
        return partitions.stream().map(id -> new TopicPartition(topic, id)).collect(Collectors.toCollection(TreeSet::new));
    }
}

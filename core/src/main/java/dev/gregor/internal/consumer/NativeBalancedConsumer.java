package dev.gregor.internal.consumer;

import java.util.List;
import java.util.Set;

import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.group.GroupMembership;
import dev.gregor.internal.group.GroupOffsets;

/** PyKafka's balanced consumer of one topic, keyed by partition id: a view of a {@link NativeBalancedMultiTopicConsumer}. */
public final class NativeBalancedConsumer extends NativeSimpleConsumer implements BalancedConsumer {

    private final NativeBalancedMultiTopicConsumer consumer;

    /** A balanced consumer of {@code topic} in {@code config}'s group; it has joined the group when this returns. */
    public NativeBalancedConsumer(ClientContext context, String topic, ConsumerConfig config) {
        this(topic, Consumers.balanced(context, config, () -> TopicSubscription.of(context, List.of(topic))));
    }

    private NativeBalancedConsumer(String topic, NativeBalancedMultiTopicConsumer consumer) {
        super(topic, consumer);
        this.consumer = consumer;
    }

    @Override
    public Set<Integer> assignment() {
        return ids(consumer.assignment());
    }

    @Override
    public String memberId() {
        return consumer.memberId();
    }

    /** Who commits, for tests of generations. */
    GroupOffsets.Membership commitIdentity() {
        return consumer.commitIdentity();
    }

    /** The membership, for failure tests that make a member vanish without leaving. */
    GroupMembership membership() {
        return consumer.membership();
    }
}

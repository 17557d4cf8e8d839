package dev.gregor.internal.consumer;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.gregor.InvalidConfigException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.internal.engine.ClientContext;

/** Makes the consumers of several topics a client hands out: over named topics, a pattern, or hand-picked partitions. */
public final class Consumers {

    private Consumers() {
    }

    /** A simple consumer of every partition of {@code topics}, each of which must exist. */
    public static MultiTopicConsumer simple(ClientContext context, ConsumerConfig config, Collection<String> topics) {
        requireNoPartitionIds(config);
        requireSome(topics);
        return NativeMultiTopicConsumer.simple(context, TopicSubscription.of(context, topics), null, config);
    }

    /** A simple consumer of every partition of the topics {@code pattern} matches, now and later. */
    public static MultiTopicConsumer simple(ClientContext context, ConsumerConfig config, Pattern pattern) {
        requireNoPartitionIds(config);
        requirePattern(pattern);
        return NativeMultiTopicConsumer.simple(context, TopicSubscription.matching(context, pattern), null, config);
    }

    /** A simple consumer of exactly {@code partitions}, each of which must exist. */
    public static MultiTopicConsumer simple(ClientContext context, ConsumerConfig config, List<TopicPartition> partitions) {
        requireNoPartitionIds(config);
        if (partitions == null || partitions.isEmpty()) {
            throw new InvalidConfigException("partitions", partitions, "at least one TopicPartition");
        }
        return NativeMultiTopicConsumer.simple(context, TopicSubscription.of(context, ConsumerCore.topicsOf(partitions)),
                Set.copyOf(partitions), config);
    }

    /** A balanced consumer sharing the partitions of {@code topics} with its group. */
    public static BalancedMultiTopicConsumer balanced(ClientContext context, ConsumerConfig config,
                                                      Collection<String> topics) {
        requireNoPartitionIds(config);
        requireSome(topics);
        return balanced(context, config, () -> TopicSubscription.of(context, topics));
    }

    /** A balanced consumer sharing the partitions of the topics {@code pattern} matches with its group. */
    public static BalancedMultiTopicConsumer balanced(ClientContext context, ConsumerConfig config, Pattern pattern) {
        requireNoPartitionIds(config);
        requirePattern(pattern);
        return balanced(context, config, () -> TopicSubscription.matching(context, pattern));
    }

    /** A balanced consumer over the subscription {@code subscribe} makes once {@code config} passed its checks. */
    static NativeBalancedMultiTopicConsumer balanced(ClientContext context, ConsumerConfig config,
                                                     Supplier<TopicSubscription> subscribe) {
        NativeBalancedMultiTopicConsumer.requireGroup(config);
        return new NativeBalancedMultiTopicConsumer(context, subscribe.get(), config);
    }

    private static void requireNoPartitionIds(ConsumerConfig config) {
        if (!config.partitions().isEmpty()) {
            throw new InvalidConfigException("partitions", config.partitions(), "none for a consumer of several topics:"
                    + " partition ids name partitions of one topic; pick partitions with"
                    + " client.simpleConsumer(config, List.of(TopicPartition.of(\"orders\", 0), ...)) instead");
        }
    }

    private static void requireSome(Collection<String> topics) {
        if (topics == null || topics.isEmpty() || topics.stream().anyMatch(topic -> topic == null || topic.isBlank())) {
            throw new InvalidConfigException("topics", topics, "one or more topic names");
        }
    }

    private static void requirePattern(Pattern pattern) {
        if (pattern == null) {
            throw new InvalidConfigException("topics", null, "a pattern of topic names, e.g. Pattern.compile(\"orders-.*\")");
        }
    }
}

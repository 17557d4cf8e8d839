package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.GroupMetadata;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.internal.engine.ClientContext;

/**
 * PyKafka's one-topic consumer, keyed by partition id: a view of a {@link NativeMultiTopicConsumer} over that one
 * topic, which does all the work.
 */
public class NativeSimpleConsumer implements SimpleConsumer {

    private final String topic;
    private final MultiTopicConsumer consumer;

    /** A simple consumer of {@code topic} (its configured partitions, or all), positioned and fetching when this returns. */
    public NativeSimpleConsumer(ClientContext context, String topic, ConsumerConfig config) {
        this(topic, NativeMultiTopicConsumer.simple(context, TopicSubscription.of(context, List.of(topic)),
                config.partitions().isEmpty() ? null : config.partitions().stream()
                        .map(id -> new TopicPartition(topic, id)).collect(Collectors.toSet()), config));
    }

    NativeSimpleConsumer(String topic, MultiTopicConsumer consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public List<Integer> partitions() {
        return consumer.partitions().stream().map(TopicPartition::partition).toList();
    }

    @Override
    public Message consume() {
        return consumer.consume();
    }

    @Override
    public Message consume(Duration timeout) {
        return consumer.consume(timeout);
    }

    @Override
    public Iterator<Message> iterator() {
        return consumer.iterator();
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public Map<Integer, Long> heldOffsets() {
        return byId(consumer.heldOffsets());
    }

    @Override
    public Map<Integer, Long> fetchOffsets() {
        return byId(consumer.fetchOffsets());
    }

    @Override
    public GroupMetadata groupMetadata() {
        return consumer.groupMetadata();
    }

    @Override
    public void commitOffsets() {
        consumer.commitOffsets();
    }

    @Override
    public CompletableFuture<Void> commitOffsetsAsync() {
        return consumer.commitOffsetsAsync();
    }

    @Override
    public void resetOffsets(Map<Integer, Long> offsets) {
        Map<TopicPartition, Long> byPartition = new TreeMap<>();
        offsets.forEach((id, offset) -> byPartition.put(new TopicPartition(topic, id), offset));
        consumer.resetOffsets(byPartition);
    }

    @Override
    public void resetOffsets(OffsetReset where) {
        consumer.resetOffsets(where);
    }

    @Override
    public void resetOffsetsToTimestamp(long epochMillis) {
        consumer.resetOffsetsToTimestamp(epochMillis);
    }

    @Override
    public Map<Integer, Long> lag() {
        return byId(consumer.lag());
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** The partition ids of {@code partitions}, all of this topic. */
    static Set<Integer> ids(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<Integer, Long> byId(Map<TopicPartition, Long> values) {
        Map<Integer, Long> byId = new TreeMap<>();
        values.forEach((partition, value) -> byId.put(partition.partition(), value));
        return byId;
    }

    @Override
    public String toString() {
        return consumer.toString();
    }
}

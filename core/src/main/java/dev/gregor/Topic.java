package dev.gregor;

import java.util.List;
import java.util.Map;

import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.consumer.NativeBalancedConsumer;
import dev.gregor.internal.consumer.NativeSimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;

/**
 * A topic of the cluster, and the place producers and consumers for it come from. Cheap to obtain and to keep;
 * partition and offset lookups ask the cluster when called.
 */
public final class Topic {

    private final KafkaClient client;
    private final String name;

    Topic(KafkaClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** The topic's name. */
    public String name() {
        return name;
    }

    /** The topic's partitions in id order, with their current leader, replicas and in-sync replicas. */
    public List<Partition> partitions() {
        return client.describe(name).partitions();
    }

    /** Partition {@code id}; fails with {@link UnknownPartitionException} if the topic has no such partition. */
    public Partition partition(int id) {
        return client.describe(name).partition(id);
    }

    /** For each partition id, the offset the next record written will get (PyKafka's latest_available_offsets). */
    public Map<Integer, Long> latestOffsets() {
        return client.offsets(name, OffsetLookup.LATEST);
    }

    /** For each partition id, the first offset still in the log (PyKafka's earliest_available_offsets). */
    public Map<Integer, Long> earliestOffsets() {
        return client.offsets(name, OffsetLookup.EARLIEST);
    }

    /**
     * For each partition id, the first offset whose record has a timestamp at or after {@code epochMillis}, or -1
     * where no such record exists yet.
     */
    public Map<Integer, Long> offsetsForTimestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new InvalidConfigException("epochMillis", epochMillis, "a timestamp of 0 or more");
        }
        return client.offsets(name, epochMillis);
    }

    /** An asynchronous, batched producer with the default configuration. */
    public Producer producer() {
        return producer(ProducerConfig.defaults());
    }

    /**
     * A producer bound to this topic, configured by {@code config} (sync mode, delivery reports, acks, compression,
     * partitioner, …), on the client's shared engine for those engine settings.
     */
    public Producer producer(ProducerConfig config) {
        client.requireOpen();
        client.describe(name);
        return client.producer(name, config);
    }

    /** A consumer of every partition, starting at the earliest offset, without a consumer group. */
    public SimpleConsumer simpleConsumer() {
        return simpleConsumer(ConsumerConfig.defaults());
    }

    /** A consumer configured by {@code config} (group, partitions, offset reset, timeouts, …). */
    public SimpleConsumer simpleConsumer(ConsumerConfig config) {
        client.requireOpen();
        return new NativeSimpleConsumer(client.context(), name, config);
    }

    /**
     * A consumer sharing this topic's partitions with the other members of {@code config}'s consumer group,
     * coordinated by Kafka's group coordinator ({@code managed(true)}) or through ZooKeeper
     * ({@code zookeeperConnect}). It has joined the group and holds its first assignment when this returns.
     */
    public BalancedConsumer balancedConsumer(ConsumerConfig config) {
        client.requireOpen();
        return new NativeBalancedConsumer(client.context(), name, config);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Topic that && that.client == client && that.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Topic[" + name + "]";
    }
}

package dev.gregor.internal.group;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * The subscription of a member reading one named topic whose partition count is asked on every rebalance; it never
 * announces a change (a topic-bound balanced consumer picks up added partitions at the group's next rebalance).
 */
public final class SingleTopicSubscription implements GroupSubscription {

    private final String topic;
    private final IntSupplier partitionCount;

    /** Reads {@code topic}, whose current partition count {@code partitionCount} gives. */
    public SingleTopicSubscription(String topic, IntSupplier partitionCount) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partitionCount = Objects.requireNonNull(partitionCount, "partitionCount");
    }

    @Override
    public SortedMap<String, Integer> topics() {
        SortedMap<String, Integer> topics = new TreeMap<>();
        topics.put(topic, partitionCount.getAsInt());
        return topics;
    }

    @Override
    public void onChange(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
    }
}

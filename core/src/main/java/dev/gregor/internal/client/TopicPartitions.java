package dev.gregor.internal.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.gregor.TopicPartition;

/** Topic-partitions regrouped the way Kafka's requests and Gregor's messages list them: by topic. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /** The partition ids of {@code partitions} per topic, topics sorted, ids in the order they came. */
    public static SortedMap<String, List<Integer>> byTopic(Collection<TopicPartition> partitions) {
        SortedMap<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.forEach(partition -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>())
                .add(partition.partition()));
        return byTopic;
    }
}

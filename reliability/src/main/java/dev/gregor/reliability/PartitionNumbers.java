package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.gregor.KafkaClient;
import dev.gregor.TopicPartition;

/**
 * Numbers the partitions of a list of topics one after the other (the first topic's from 0, the next topic's on
 * from there), so that reports and audits made for the partitions of one topic count those of several: with one
 * topic, a partition's number is its id.
 */
public final class PartitionNumbers {

    private final List<String> topics;
    private final List<Integer> firsts;
    private final int count;

    /** The numbering of {@code topics}, in this order, with {@code partitions.get(i)} partitions for topic i. */
    public PartitionNumbers(List<String> topics, List<Integer> partitions) {
        this.topics = List.copyOf(topics);
        List<Integer> starts = new ArrayList<>();
        int next = 0;
        for (int each : partitions) {
            starts.add(next);
            next += each;
        }
        this.firsts = List.copyOf(starts);
        this.count = next;
    }

    /** The numbering of {@code topics}, their partition counts as {@code client}'s metadata has them. */
    public static PartitionNumbers of(KafkaClient client, List<String> topics) {
        return new PartitionNumbers(topics, topics.stream().map(topic -> client.topic(topic).partitions().size()).toList());
    }

    /** How many partitions the topics have together. */
    public int count() {
        return count;
    }

    /** The number of {@code topic}'s partition {@code partition}. */
    public int number(String topic, int partition) {
        int index = topics.indexOf(topic);
        if (index < 0) {
            throw new IllegalArgumentException("Topic " + topic + " is not one of " + topics);
        }
        return firsts.get(index) + partition;
    }

    /** The number of {@code partition}. */
    public int number(TopicPartition partition) {
        return number(partition.topic(), partition.partition());
    }

    /** The numbers of {@code partitions}. */
    public Set<Integer> numbers(Set<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(partition -> numbers.add(number(partition)));
        return numbers;
    }

    /** {@code offsets} keyed by number instead of topic-partition. */
    public Map<Integer, Long> numbered(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> numbered = new TreeMap<>();
        offsets.forEach((partition, offset) -> numbered.put(number(partition), offset));
        return numbered;
    }
}

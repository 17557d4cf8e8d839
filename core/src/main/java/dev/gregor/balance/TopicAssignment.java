package dev.gregor.balance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import dev.gregor.TopicPartition;

/** The sorted views of a group's subscriptions that the topic-partition assignors deal from. */
final class TopicAssignment {

    private TopicAssignment() {
    }

    /** Every member, in sorted order, to an empty list to fill. */
    static Map<String, List<TopicPartition>> emptyFor(Map<String, ? extends Collection<String>> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new TreeMap<>();
        subscriptions.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
        return assignment;
    }

    /** Every subscribed topic, in sorted order, to the sorted members reading it. */
    static SortedMap<String, List<String>> subscribers(Map<String, ? extends Collection<String>> subscriptions) {
        SortedMap<String, List<String>> subscribers = new TreeMap<>();
        new TreeMap<>(subscriptions).forEach((member, topics) -> new TreeSet<>(topics).forEach(topic ->
                subscribers.computeIfAbsent(topic, ignored -> new ArrayList<>()).add(member)));
        return subscribers;
    }

    /** Partition ids 0 to {@code count - 1}. */
    static List<Integer> partitions(int count) {
        return IntStream.range(0, count).boxed().toList();
    }
}

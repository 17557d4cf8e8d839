package dev.gregor.balance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.TopicPartition;

/**
 * Decides which member of a consumer group reads which partitions. A strategy is a pure function of the sorted
 * member ids and partition ids (and, across topics, of each member's topics), so every member computes the same
 * answer: that is what lets ZooKeeper-coordinated members agree without talking to each other.
 */
public interface AssignmentStrategy {

    /** The name members announce: {@code range} and {@code roundrobin} match Kafka's own assignors. */
    String name();

    /**
     * The partitions of each member.
     *
     * @param members    member ids; sorted here, so the order given does not matter
     * @param partitions partition ids; sorted here likewise
     * @return every member (in sorted order) to its partitions, each partition given to exactly one member
     */
    Map<String, List<Integer>> assign(List<String> members, List<Integer> partitions);

    /**
     * The topic-partitions of each member of a group whose members may read different topics. By default each topic's
     * partitions are dealt among the members subscribed to it with {@link #assign(List, List)}, topic by topic (so
     * {@code range} gives what Kafka's {@code RangeAssignor} gives).
     *
     * @param subscriptions   each member id to the topics it reads; sorted here, so the order given does not matter
     * @param partitionCounts each topic to its partition count; a subscribed topic missing here gets no partitions
     * @return every member (in sorted order) to its topic-partitions (sorted), each given to exactly one subscriber
     */
    default Map<String, List<TopicPartition>> assign(Map<String, ? extends Collection<String>> subscriptions,
                                                     Map<String, Integer> partitionCounts) {
        Map<String, List<TopicPartition>> assignment = TopicAssignment.emptyFor(subscriptions);
        TopicAssignment.subscribers(subscriptions).forEach((topic, members) -> {
            List<Integer> partitions = TopicAssignment.partitions(partitionCounts.getOrDefault(topic, 0));
            assign(members, partitions).forEach((member, owned) ->
                    owned.forEach(partition -> assignment.get(member).add(TopicPartition.of(topic, partition))));
        });
        assignment.values().forEach(owned -> owned.sort(null));
        return assignment;
    }

    /**
     * Contiguous ranges: with P partitions and M members, each member gets P / M partitions and the first P % M
     * members one more (Kafka's {@code range} assignor, PyKafka's default).
     */
    static AssignmentStrategy range() {
        return new AssignmentStrategy() {
            @Override
            public String name() {
                return "range";
            }

            @Override
            public Map<String, List<Integer>> assign(List<String> members, List<Integer> partitions) {
                List<String> sortedMembers = members.stream().sorted().toList();
                List<Integer> sortedPartitions = partitions.stream().sorted().toList();
                Map<String, List<Integer>> assignment = new LinkedHashMap<>();
                int each = sortedPartitions.size() / Math.max(1, sortedMembers.size());
                int extra = sortedPartitions.size() % Math.max(1, sortedMembers.size());
                int next = 0;
                for (int i = 0; i < sortedMembers.size(); i++) {
                    int count = each + (i < extra ? 1 : 0);
                    assignment.put(sortedMembers.get(i), List.copyOf(sortedPartitions.subList(next, next + count)));
                    next += count;
                }
                return assignment;
            }

            @Override
            public String toString() {
                return "range";
            }
        };
    }

    /** Partitions dealt to the members in turn (Kafka's {@code roundrobin} assignor). */
    static AssignmentStrategy roundRobin() {
        return new AssignmentStrategy() {
            @Override
            public String name() {
                return "roundrobin";
            }

            @Override
            public Map<String, List<Integer>> assign(List<String> members, List<Integer> partitions) {
                List<String> sortedMembers = members.stream().sorted().toList();
                Map<String, List<Integer>> dealt = new LinkedHashMap<>();
                sortedMembers.forEach(member -> dealt.put(member, new ArrayList<>()));
                List<Integer> sortedPartitions = partitions.stream().sorted().toList();
                for (int i = 0; i < sortedPartitions.size() && !sortedMembers.isEmpty(); i++) {
                    dealt.get(sortedMembers.get(i % sortedMembers.size())).add(sortedPartitions.get(i));
                }
                Map<String, List<Integer>> assignment = new LinkedHashMap<>();
                dealt.forEach((member, owned) -> assignment.put(member, List.copyOf(owned)));
                return assignment;
            }

            /**
             * Every topic-partition in sorted order to the next member, in a circle of the sorted members, that reads
             * its topic (Kafka's {@code RoundRobinAssignor}).
             */
            @Override
            public Map<String, List<TopicPartition>> assign(Map<String, ? extends Collection<String>> subscriptions,
                                                            Map<String, Integer> partitionCounts) {
                Map<String, List<TopicPartition>> assignment = TopicAssignment.emptyFor(subscriptions);
                List<String> circle = List.copyOf(assignment.keySet());
                int next = 0;
                for (String topic : TopicAssignment.subscribers(subscriptions).keySet()) {
                    for (int partition : TopicAssignment.partitions(partitionCounts.getOrDefault(topic, 0))) {
                        while (!subscriptions.get(circle.get(next)).contains(topic)) {
                            next = (next + 1) % circle.size();
                        }
                        assignment.get(circle.get(next)).add(TopicPartition.of(topic, partition));
                        next = (next + 1) % circle.size();
                    }
                }
                return assignment;
            }

            @Override
            public String toString() {
                return "roundrobin";
            }
        };
    }
}

package dev.gregor.balance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which member of a consumer group reads which partitions. A strategy is a pure function of the sorted
 * member ids and partition ids, so every member computes the same answer: that is what lets ZooKeeper-coordinated
 * members agree without talking to each other.
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

            @Override
            public String toString() {
                return "roundrobin";
            }
        };
    }
}

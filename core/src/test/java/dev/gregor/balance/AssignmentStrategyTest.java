package dev.gregor.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AssignmentStrategyTest {

    @Test
    void twelvePartitionsSplitEvenlyAsMembersComeAndGo() {
        List<Integer> partitions = IntStream.range(0, 12).boxed().toList();
        for (AssignmentStrategy strategy : List.of(AssignmentStrategy.range(), AssignmentStrategy.roundRobin())) {
            assertThat(sizes(strategy.assign(List.of("a"), partitions))).containsExactly(12);
            assertThat(sizes(strategy.assign(List.of("b", "a"), partitions))).containsExactly(6, 6);
            assertThat(sizes(strategy.assign(List.of("c", "a", "b"), partitions))).containsExactly(4, 4, 4);
            assertThat(sizes(strategy.assign(List.of("a", "b", "c", "d", "e"), partitions))).containsExactly(3, 3, 2, 2, 2);
        }
    }

    @Test
    void everyMemberComputesTheSameAnswerWhateverOrderItSeesTheGroupIn() {
        Random random = new Random(3);
        List<String> members = new ArrayList<>(List.of("m1", "m2", "m3", "m4"));
        List<Integer> partitions = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        Map<String, List<Integer>> first = AssignmentStrategy.range().assign(members, partitions);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(members, random);
            Collections.shuffle(partitions, random);
            assertThat(AssignmentStrategy.range().assign(members, partitions)).isEqualTo(first);
        }
    }

    @Test
    void matchesKafkasOwnAssignorsSoMixedGroupsAgree() {
        for (int memberCount = 1; memberCount <= 7; memberCount++) {
            for (int partitionCount = 0; partitionCount <= 20; partitionCount += 3) {
                List<String> members = IntStream.range(0, memberCount).mapToObj(i -> "member-" + i).toList();
                List<Integer> partitions = IntStream.range(0, partitionCount).boxed().toList();
                assertThat(AssignmentStrategy.range().assign(members, partitions))
                        .isEqualTo(kafka(new RangeAssignor(), members, partitionCount));
                assertThat(AssignmentStrategy.roundRobin().assign(members, partitions))
                        .isEqualTo(kafka(new RoundRobinAssignor(), members, partitionCount));
            }
        }
    }

    private static Map<String, List<Integer>> kafka(ConsumerPartitionAssignor assignor, List<String> members, int partitions) {
        Map<String, ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        members.forEach(member -> subscriptions.put(member, new ConsumerPartitionAssignor.Subscription(List.of("t"))));
        List<org.apache.kafka.common.PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new org.apache.kafka.common.PartitionInfo("t", p, null, null, null)).toList();
        org.apache.kafka.common.Cluster cluster = new org.apache.kafka.common.Cluster("c", List.of(), infos,
                java.util.Set.of(), java.util.Set.of());
        Map<String, ConsumerPartitionAssignor.Assignment> assigned = assignor.assign(cluster,
                new ConsumerPartitionAssignor.GroupSubscription(subscriptions)).groupAssignment();
        Map<String, List<Integer>> result = new java.util.LinkedHashMap<>();
        members.stream().sorted().forEach(member -> result.put(member, assigned.get(member).partitions().stream()
                .map(TopicPartition::partition).sorted().toList()));
        return result;
    }

    private static List<Integer> sizes(Map<String, List<Integer>> assignment) {
        return assignment.values().stream().map(List::size).toList();
    }
}

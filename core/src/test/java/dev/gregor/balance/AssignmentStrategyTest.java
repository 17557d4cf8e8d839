package dev.gregor.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.common.TopicPartition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Test
    void dealsEachTopicAmongItsOwnSubscribersAsKafkasDocumentationShows() {
        // RoundRobinAssignor's Javadoc example: C0 reads t0; C1 reads t0 and t1; C2 reads t0, t1 and t2.
        Map<String, List<String>> subscriptions = Map.of("C0", List.of("t0"), "C1", List.of("t0", "t1"),
                "C2", List.of("t0", "t1", "t2"));
        Map<String, Integer> counts = Map.of("t0", 1, "t1", 2, "t2", 3);

        assertThat(AssignmentStrategy.roundRobin().assign(subscriptions, counts)).containsExactly(
                Map.entry("C0", List.of(tp("t0", 0))),
                Map.entry("C1", List.of(tp("t1", 0))),
                Map.entry("C2", List.of(tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2))));
        assertThat(AssignmentStrategy.range().assign(subscriptions, counts)).containsExactly(
                Map.entry("C0", List.of(tp("t0", 0))),
                Map.entry("C1", List.of(tp("t1", 0))),
                Map.entry("C2", List.of(tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2))));
    }

    @Property(tries = 400)
    void multiTopicAssignmentsMatchKafkasOwnAssignors(@ForAll("groups") Group group) {
        assertThat(AssignmentStrategy.range().assign(group.subscriptions(), group.partitionCounts()))
                .isEqualTo(kafka(new RangeAssignor(), group));
        assertThat(AssignmentStrategy.roundRobin().assign(group.subscriptions(), group.partitionCounts()))
                .isEqualTo(kafka(new RoundRobinAssignor(), group));
    }

    @Provide
    Arbitrary<Group> groups() {
        Arbitrary<Map<String, Integer>> counts = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"),
                Arbitraries.integers().between(1, 9)).ofMinSize(1);
        return counts.flatMap(partitionCounts -> {
            Arbitrary<Set<String>> topics = Arbitraries.of(List.copyOf(partitionCounts.keySet())).set().ofMinSize(1);
            Arbitrary<Map<String, Set<String>>> members = Arbitraries.maps(
                    Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(3), topics)
                    .ofMinSize(1).ofMaxSize(7);
            return Combinators.combine(members, Arbitraries.just(partitionCounts)).as(Group::new);
        });
    }

    /** Members to their topics, and each topic's partition count. */
    record Group(Map<String, Set<String>> subscriptions, Map<String, Integer> partitionCounts) {
    }

    private static Map<String, List<dev.gregor.TopicPartition>> kafka(ConsumerPartitionAssignor assignor, Group group) {
        Map<String, ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        group.subscriptions().forEach((member, topics) ->
                subscriptions.put(member, new ConsumerPartitionAssignor.Subscription(List.copyOf(topics))));
        List<org.apache.kafka.common.PartitionInfo> infos = new ArrayList<>();
        group.partitionCounts().forEach((topic, count) -> IntStream.range(0, count)
                .forEach(p -> infos.add(new org.apache.kafka.common.PartitionInfo(topic, p, null, null, null))));
        org.apache.kafka.common.Cluster cluster = new org.apache.kafka.common.Cluster("c", List.of(), infos,
                Set.of(), Set.of());
        Map<String, ConsumerPartitionAssignor.Assignment> assigned = assignor.assign(cluster,
                new ConsumerPartitionAssignor.GroupSubscription(subscriptions)).groupAssignment();
        Map<String, List<dev.gregor.TopicPartition>> result = new TreeMap<>();
        assigned.forEach((member, assignment) -> result.put(member, assignment.partitions().stream()
                .map(p -> tp(p.topic(), p.partition())).sorted().toList()));
        return result;
    }

    private static dev.gregor.TopicPartition tp(String topic, int partition) {
        return dev.gregor.TopicPartition.of(topic, partition);
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

package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.consumer.RebalanceListener;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.support.OffsetCommitLog;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class BalancedConsumerFailoverTest {

    private static final String OFFSETS_TOPIC = "__consumer_offsets";

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @Test
    void managedMembersFollowTheCoordinatorWhenItsBrokerStops(EmbeddedKafkaCluster cluster) throws Exception {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers());
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Topic topic = client.createTopic("coordinator-move", 6, 3);
            ConsumerConfig config = ConsumerConfig.builder().backend(backend()).consumerGroup("movers").managed(true).autoCommit(true)
                    .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300)).build();
            try (BalancedConsumer first = topic.balancedConsumer(config);
                 BalancedConsumer second = topic.balancedConsumer(config)) {
                Reading reading = Reading.start(List.of(first, second), Integer.MAX_VALUE);
                await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() == 3 && second.assignment().size() == 3);
                int coordinator = coordinatorOf(admin, "movers");

                cluster.stopBroker(coordinator);
                try {
                    KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 6, 0, 3_000, "none", System.currentTimeMillis());
                    await().atMost(Duration.ofSeconds(60)).until(() -> reading.distinct() == 3_000);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        assertThat(coordinatorOf(admin, "movers")).isNotEqualTo(coordinator);
                        assertThat(first.assignment()).hasSize(3);
                        assertThat(second.assignment()).hasSize(3).doesNotContainAnyElementsOf(first.assignment());
                    });
                } finally {
                    reading.stop();
                    cluster.startBroker(coordinator);
                }
            }
        }
    }

    /**
     * T9 of issue 13: the group coordinator's broker is SIGKILLed while two members consume and commit (auto-commit
     * every 100 ms and an asynchronous commit every 50 records each), then restarted, and the coordinator is moved
     * back to it (so the old one, alive, answers NOT_COORDINATOR). Finding the new coordinator is all a member
     * needs: no revocation, the same generation and partitions, no record lost or read twice; the commits, as the
     * coordinators wrote them to {@code __consumer_offsets}, never go backwards; and a synchronous commit while no
     * coordinator is there (made at once, by a simple consumer of a group with the same coordinator) ends within the
     * client's apiTimeout, saying the coordinator moved or is unavailable, which broker it was and what to do.
     */
    @Test
    void aKilledCoordinatorCostsNoRebalanceBoundsSyncCommitsAndNeverCommitsBackwards(EmbeddedKafkaCluster cluster) throws Exception {
        String group = "killed-coordinator";
        Duration apiTimeout = Duration.ofSeconds(3);
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers());
             KafkaClient impatient = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).apiTimeout(apiTimeout).build();
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Topic topic = client.createTopic("coordinator-kill", 6, 3);
            ListenerCalls firstCalls = new ListenerCalls();
            ListenerCalls secondCalls = new ListenerCalls();
            ConsumerConfig.Builder config = ConsumerConfig.builder().backend(backend()).consumerGroup(group).managed(true)
                    .autoCommit(true).autoCommitInterval(Duration.ofMillis(100)).heartbeatInterval(Duration.ofMillis(500));
            try (BalancedConsumer first = topic.balancedConsumer(config.rebalanceListener(firstCalls).build());
                 BalancedConsumer second = topic.balancedConsumer(config.rebalanceListener(secondCalls).build());
                 OffsetCommitLog commits = OffsetCommitLog.follow(cluster.bootstrapServers(), group, topic.name())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() == 3 && second.assignment().size() == 3);
                Set<Integer> firstPartitions = first.assignment();
                Set<Integer> secondPartitions = second.assignment();
                int generation = generationOf(first);
                assertThat(generationOf(second)).isEqualTo(generation);
                List<String> callsBefore = List.of(firstCalls.toString(), secondCalls.toString());
                Reading reading = Reading.start(List.of(first, second), 50);
                KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 6, 0, 1_200, "none", System.currentTimeMillis());
                await().atMost(Duration.ofSeconds(30)).until(() -> reading.distinct() == 1_200);
                await().atMost(Duration.ofSeconds(30)).until(() -> commits.latest().equals(everyPartitionAt(200)));
                int coordinator = coordinatorOf(admin, group);
                SimpleConsumer committer = impatient.topic(topic.name()).simpleConsumer(ConsumerConfig.builder()
                        .backend(backend()).consumerGroup(sameCoordinatorAs(admin, group)).autoCommit(false).autoOffsetReset(OffsetReset.EARLIEST).build());
                consume(committer, 60);

                cluster.killBroker(coordinator);
                try {
                    // No coordinator answers until the controller fences the dead broker (broker.session.timeout.ms, 9 s).
                    long start = System.nanoTime();
                    Throwable syncCommit = catchThrowable(committer::commitOffsets);
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(took).as("sync commit while no coordinator answers").isLessThan(apiTimeout.plusMillis(750));
                    assertThat(syncCommit).isInstanceOf(KafkaTimeoutException.class)
                            .hasMessageContaining("The group coordinator moved or is unavailable")
                            .hasMessageContaining("127.0.0.1:" + cluster.brokerPorts().get(coordinator))
                            .hasMessageContaining("apiTimeout");
                    KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 6, 1_200, 3_000, "none", System.currentTimeMillis());
                    await().atMost(Duration.ofSeconds(60)).until(() -> reading.distinct() == 3_000);
                    await().atMost(Duration.ofSeconds(60)).until(() -> commits.latest().equals(everyPartitionAt(500)));
                    assertThat(coordinatorOf(admin, group)).isNotEqualTo(coordinator);
                    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(committer::commitOffsets);
                    Map<Integer, Long> consumed = new TreeMap<>();
                    committer.heldOffsets().forEach((partition, held) -> consumed.put(partition, held + 1));
                    assertThat(committer.fetchOffsets()).isEqualTo(consumed);
                } finally {
                    committer.close();
                    cluster.startBroker(coordinator);
                }
                moveCoordinator(admin, group, coordinator);
                KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 6, 3_000, 3_600, "none", System.currentTimeMillis());
                await().atMost(Duration.ofSeconds(30)).until(() -> reading.distinct() == 3_600);
                await().atMost(Duration.ofSeconds(30)).until(() -> commits.latest().equals(everyPartitionAt(600)));
                reading.stop();

                assertThat(List.of(firstCalls.toString(), secondCalls.toString())).as("rebalance listener calls").isEqualTo(callsBefore);
                assertThat(generationOf(first)).isEqualTo(generation);
                assertThat(generationOf(second)).isEqualTo(generation);
                assertThat(first.assignment()).isEqualTo(firstPartitions);
                assertThat(second.assignment()).isEqualTo(secondPartitions);
                assertThat(reading.readTwice()).as("records read twice").isEmpty();
                assertThat(commits.regressions()).as("commits of a lower offset after a higher one, of " + commits.count()).isEmpty();
            }
        }
    }

    private static void consume(SimpleConsumer consumer, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(consumer.consume(Duration.ofSeconds(10))).as("message %d of %d", i, count).isNotNull();
        }
    }

    private static Map<Integer, Long> everyPartitionAt(long offset) {
        return Map.of(0, offset, 1, offset, 2, offset, 3, offset, 4, offset, 5, offset);
    }

    private static int generationOf(BalancedConsumer member) {
        return ((NativeBalancedConsumer) member).commitIdentity().generation();
    }

    /**
     * Makes {@code broker} the group's coordinator: once it is in sync, the leader of the group's partition of
     * {@code __consumer_offsets} by a preferred-leader election (after reordering the replicas).
     */
    private static void moveCoordinator(Admin admin, String group, int broker) throws Exception {
        int partitions = admin.describeTopics(List.of(OFFSETS_TOPIC)).allTopicNames().get().get(OFFSETS_TOPIC).partitions().size();
        TopicPartition offsets = new TopicPartition(OFFSETS_TOPIC, Utils.abs(group.hashCode()) % partitions);
        await().atMost(Duration.ofSeconds(30)).until(() -> describe(admin, offsets).isr().stream().anyMatch(node -> node.id() == broker));
        List<Integer> replicas = new ArrayList<>(List.of(broker));
        describe(admin, offsets).replicas().stream().map(Node::id).filter(id -> id != broker).forEach(replicas::add);
        admin.alterPartitionReassignments(Map.of(offsets, Optional.of(new NewPartitionReassignment(replicas)))).all().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.listPartitionReassignments().reassignments().get().isEmpty());
        admin.electLeaders(ElectionType.PREFERRED, Set.of(offsets)).partitions().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> coordinatorOf(admin, group) == broker);
    }

    private static TopicPartitionInfo describe(Admin admin, TopicPartition partition) throws Exception {
        return admin.describeTopics(List.of(partition.topic())).allTopicNames().get().get(partition.topic())
                .partitions().get(partition.partition());
    }

    /** A group name whose partition of {@code __consumer_offsets} is {@code group}'s: it has the same coordinator. */
    private static String sameCoordinatorAs(Admin admin, String group) throws Exception {
        int partitions = admin.describeTopics(List.of(OFFSETS_TOPIC)).allTopicNames().get().get(OFFSETS_TOPIC).partitions().size();
        for (int i = 0; ; i++) {
            String candidate = group + "-" + i;
            if (Utils.abs(candidate.hashCode()) % partitions == Utils.abs(group.hashCode()) % partitions) {
                return candidate;
            }
        }
    }

    private static int coordinatorOf(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).coordinator().id();
    }

    /** Every call of a member's rebalance listener, in order. */
    private static final class ListenerCalls implements RebalanceListener {

        private final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void partitionsRevoked(Set<Integer> partitions) {
            calls.add("revoked " + partitions);
        }

        @Override
        public void partitionsAssigned(Set<Integer> partitions) {
            calls.add("assigned " + partitions);
        }

        @Override
        public String toString() {
            return calls.toString();
        }
    }

    /** A thread consuming from members in turn, counting each value read, committing asynchronously every n records. */
    private static final class Reading {

        private final Map<Integer, AtomicInteger> reads = new ConcurrentHashMap<>();
        private final Thread thread;

        private Reading(List<BalancedConsumer> members, int commitEvery) {
            thread = new Thread(() -> {
                int consumed = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (BalancedConsumer member : members) {
                            Message message = member.consume(Duration.ofMillis(20));
                            if (message != null) {
                                int value = Integer.parseInt(message.valueAsString().substring("value-".length()));
                                reads.computeIfAbsent(value, ignored -> new AtomicInteger()).incrementAndGet();
                                if (++consumed % commitEvery == 0) {
                                    member.commitOffsetsAsync();
                                }
                            }
                        }
                    }
                } catch (dev.gregor.ClientClosedException closed) {
                    // the test is over
                }
            }, "failover-reader");
            thread.setDaemon(true);
        }

        static Reading start(List<BalancedConsumer> members, int commitEvery) {
            Reading reading = new Reading(members, commitEvery);
            reading.thread.start();
            return reading;
        }

        int distinct() {
            return reads.size();
        }

        List<Integer> readTwice() {
            return reads.entrySet().stream().filter(entry -> entry.getValue().get() > 1).map(Map.Entry::getKey).sorted().toList();
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }
}

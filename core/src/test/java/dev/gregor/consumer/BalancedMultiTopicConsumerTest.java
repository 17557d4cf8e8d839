package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.gregor.Backend;
import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.support.BackgroundIteration;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Balanced consumers over several topics, with both coordinators: members join and leave while records flow, and
 * the group shares every partition of every topic without losing a record or letting two members read one
 * partition at once; a pattern group takes in a topic created after it formed; a deleted topic leaves the
 * assignment while the others are read on.
 */
@KafkaCluster(zookeeper = true)
class BalancedMultiTopicConsumerTest {

    /** The two ways members coordinate. */
    enum Coordinator {
        KAFKA, ZOOKEEPER
    }

    private static final List<String> TOPIC_NAMES = List.of("a", "b", "c");
    private static final int PARTITIONS = 4;
    private static final int PER_TOPIC_AND_PHASE = 4_000;

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;
    private final List<BalancedMultiTopicConsumer> members = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, String> owners = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> duplicates = new CopyOnWriteArrayList<>();

    BalancedMultiTopicConsumerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers())
                .metadataMaxAge(Duration.ofSeconds(1)).build();
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @AfterEach
    void close() {
        members.forEach(BalancedMultiTopicConsumer::close);
        client.close();
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void threeMembersShareThreeTopicsAsTheyComeAndGoWithoutLossAndWithoutReadingAPartitionTwiceAtOnce(
            Coordinator coordinator) {
        String prefix = "mt-" + coordinator.name().toLowerCase() + "-" + backend().name().toLowerCase() + "-";
        List<String> topics = TOPIC_NAMES.stream().map(name -> prefix + name).toList();
        topics.forEach(topic -> client.createTopic(topic, PARTITIONS, 1));
        String group = prefix + "group";

        BalancedMultiTopicConsumer first = join(coordinator, group, topics, "first");
        write(topics, 0);
        BalancedMultiTopicConsumer second = join(coordinator, group, topics, "second");
        write(topics, 1);
        BalancedMultiTopicConsumer third = join(coordinator, group, topics, "third");
        write(topics, 2);
        awaitShares(List.of(first, second, third), topics);
        third.close();
        members.remove(third);
        write(topics, 3);

        int expected = topics.size() * PER_TOPIC_AND_PHASE * 4;
        await().atMost(Duration.ofSeconds(120)).until(() -> seen.size() >= expected);
        awaitShares(List.of(first, second), topics);
        assertThat(seen).as("records read").hasSize(expected);
        assertThat(duplicates).as("records read twice (each handover commits first)").isEmpty();
        assertThat(violations).as("partitions read by two members at once").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void aPatternGroupTakesInATopicCreatedAfterItFormed(Coordinator coordinator) {
        String prefix = "pat-" + coordinator.name().toLowerCase() + "-" + backend().name().toLowerCase() + "-";
        client.createTopic(prefix + "early", 2, 1);
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + ".*");
        BalancedMultiTopicConsumer first = join(coordinator, prefix + "group", pattern, "first");
        BalancedMultiTopicConsumer second = join(coordinator, prefix + "group", pattern, "second");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() + second.assignment().size() == 2);

        client.createTopic(prefix + "late", 4, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), prefix + "late", 4, 0, 1_000, "none",
                System.currentTimeMillis());

        awaitShares(List.of(first, second), List.of(prefix + "early", prefix + "late"));
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= 1_000);
        assertThat(seen).as("records of the late topic read").hasSize(1_000);
        assertThat(first.topics()).contains(prefix + "late");
        assertThat(duplicates).as("records read twice").isEmpty();
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void aTopicDeletedUnderTheGroupLeavesItsAssignmentWhileTheOtherTopicIsReadOn(Coordinator coordinator)
            throws Exception {
        String prefix = "del-" + coordinator.name().toLowerCase() + "-" + backend().name().toLowerCase() + "-";
        client.createTopic(prefix + "stays", 2, 1);
        client.createTopic(prefix + "doomed", 2, 1);
        BalancedMultiTopicConsumer member = join(coordinator, prefix + "group",
                List.of(prefix + "stays", prefix + "doomed"), "only");
        awaitShares(List.of(member), List.of(prefix + "stays", prefix + "doomed"));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.deleteTopics(List.of(prefix + "doomed")).all().get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(member.assignment())
                .containsExactly(TopicPartition.of(prefix + "stays", 0), TopicPartition.of(prefix + "stays", 1)));
        KafkaClientsWriter.write(cluster.bootstrapServers(), prefix + "stays", 2, 0, 500, "none",
                System.currentTimeMillis());

        await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 500);
        assertThat(seen).as("records of the remaining topic read").hasSize(500);
        assertThat(member.topics()).containsExactly(prefix + "stays");
        assertThat(violations).isEmpty();
    }

    /** As a member of a one-topic group promises: close() from another thread ends an iteration waiting for more at once. */
    @ParameterizedTest(name = "{0}, closing the {1}")
    @CsvSource({"KAFKA, consumer", "KAFKA, client", "ZOOKEEPER, consumer", "ZOOKEEPER, client"})
    void closingEndsAMembersIterationOverSeveralTopicsWaitingWithoutAConsumerTimeout(Coordinator coordinator, String closed) {
        String prefix = "close-" + coordinator.name().toLowerCase() + "-" + closed + "-" + backend().name().toLowerCase() + "-";
        List<String> topics = List.of(prefix + "1", prefix + "2");
        topics.forEach(topic -> {
            client.createTopic(topic, 1, 1);
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 1, 0, 3, "none", System.currentTimeMillis());
        });
        BalancedMultiTopicConsumer member = client.balancedConsumer(config(coordinator, prefix + "group", "only"), topics);
        members.add(member);
        BackgroundIteration iteration = BackgroundIteration.of(member);
        iteration.awaitConsumed(6);

        if (closed.equals("client")) {
            client.close();
        } else {
            member.close();
        }

        iteration.awaitEndedQuietly();
        assertThatThrownBy(member::consume).isInstanceOf(ClientClosedException.class);
    }

    /**
     * A member whose application still works on records it was handed tells the revocation where to stop: the commit
     * on revoke goes up to the offset the listener returns, not past the six records consumed.
     */
    @Test
    void theRevokeCommitTakesTheOffsetsTheListenerChooses() {
        assumeTrue(backend() == Backend.NATIVE, "the group membership that calls the listener is the same for every"
                + " backend: one run proves it");
        String prefix = "revoking-" + backend().name().toLowerCase() + "-";
        String topic = prefix + "topic";
        client.createTopic(topic, 1, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 1, 0, 10, "none", System.currentTimeMillis());
        TopicPartition partition = TopicPartition.of(topic, 0);
        List<Set<TopicPartition>> revoking = new CopyOnWriteArrayList<>();
        BalancedMultiTopicConsumer first = client.balancedConsumer(quietMember(prefix + "group")
                .rebalanceListener(new RebalanceListener() {
                    @Override
                    public Map<TopicPartition, Long> offsetsToCommitOnRevoke(Set<TopicPartition> partitions) {
                        revoking.add(partitions);
                        return partitions.contains(partition) ? Map.of(partition, 3L) : null;
                    }
                }).build(), List.of(topic));
        members.add(first);
        for (int i = 0; i < 6; i++) {
            assertThat(first.consume(Duration.ofSeconds(30))).as("record %d", i).isNotNull();
        }

        members.add(client.balancedConsumer(quietMember(prefix + "group").build(), List.of(topic)));

        await().atMost(Duration.ofSeconds(30)).until(() -> revoking.stream().anyMatch(set -> set.contains(partition)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (SimpleConsumer group = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                    .consumerGroup(prefix + "group").build())) {
                assertThat(group.fetchOffsets()).as("committed on revoke").containsEntry(0, 3L);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void aRebalanceListenerChoosesWhereNewlyAssignedPartitionsStart(Coordinator coordinator) {
        assumeTrue(backend() == Backend.NATIVE, "the group membership that asks the listener is the same for every"
                + " backend: one run proves it");
        String prefix = "start-" + coordinator.name().toLowerCase() + "-";
        String topic = prefix + "topic";
        String elsewhere = prefix + "elsewhere";
        client.createTopic(topic, 4, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 4, 0, 40, "none", System.currentTimeMillis());
        Map<TopicPartition, Long> asked = new ConcurrentHashMap<>();
        ConsumerConfig.Builder config = ConsumerConfig.builder().consumerGroup(prefix + "group")
                .autoOffsetReset(OffsetReset.LATEST).sessionTimeout(Duration.ofSeconds(6))
                .heartbeatInterval(Duration.ofMillis(300))
                .rebalanceListener(new RebalanceListener() {
                    @Override
                    public Map<TopicPartition, Long> startingOffsets(Map<TopicPartition, Long> positions) {
                        asked.putAll(positions);
                        return Map.of(TopicPartition.of(topic, 0), 7L,
                                TopicPartition.of(topic, 1), RebalanceListener.EARLIEST,
                                TopicPartition.of(topic, 2), RebalanceListener.LATEST,
                                TopicPartition.of(topic, 3), -5L,
                                TopicPartition.of(elsewhere, 0), 3L);
                    }
                });
        BalancedMultiTopicConsumer member = client.balancedConsumer(coordinator == Coordinator.KAFKA
                ? config.managed(true).build() : config.zookeeperConnect(cluster.zookeeperConnect()).build(), List.of(topic));
        members.add(member);
        await().atMost(Duration.ofSeconds(30)).until(() -> member.assignment().size() == 4);
        assertThat(asked).as("where the partitions would have started (no commits, reset to latest)")
                .isEqualTo(Map.of(TopicPartition.of(topic, 0), 10L, TopicPartition.of(topic, 1), 10L,
                        TopicPartition.of(topic, 2), 10L, TopicPartition.of(topic, 3), 10L));

        KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 4, 40, 44, "none", System.currentTimeMillis());
        Set<String> read = new TreeSet<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message message = member.consume(Duration.ofMillis(200));
            if (message != null) {
                read.add(message.partitionId() + "@" + message.offset());
            }
            return read.size() >= 17;
        });
        assertThat(member.consume(Duration.ofMillis(500))).as("a record beyond the chosen ones").isNull();
        Set<String> expected = new TreeSet<>();
        IntStream.rangeClosed(7, 10).forEach(offset -> expected.add("0@" + offset));
        IntStream.rangeClosed(0, 10).forEach(offset -> expected.add("1@" + offset));
        expected.add("2@10");
        expected.add("3@10");
        assertThat(read).as("partition 0 from 7, 1 from its start, 2 from its end, 3 (a bad answer) where it was")
                .isEqualTo(expected);
    }

    @Test
    void aRebalanceListenerThatThrowsNeitherEndsMembershipNorGetsWhatItWasAskedAboutCommitted() {
        assumeTrue(backend() == Backend.NATIVE, "the group membership that calls the listener is the same for every"
                + " backend: one run proves it");
        String prefix = "throwing-" + backend().name().toLowerCase() + "-";
        String topic = prefix + "topic";
        client.createTopic(topic, 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 2, 0, 20, "none", System.currentTimeMillis());
        AtomicInteger thrown = new AtomicInteger();
        BalancedMultiTopicConsumer first = client.balancedConsumer(quietMember(prefix + "group")
                .rebalanceListener(new RebalanceListener() {
                    @Override
                    public Map<TopicPartition, Long> offsetsToCommitOnRevoke(Set<TopicPartition> partitions) {
                        throw new IllegalStateException("listener bug " + thrown.incrementAndGet());
                    }

                    @Override
                    public void topicPartitionsRevoked(Set<TopicPartition> partitions) {
                        throw new IllegalStateException("listener bug " + thrown.incrementAndGet());
                    }

                    @Override
                    public Map<TopicPartition, Long> startingOffsets(Map<TopicPartition, Long> positions) {
                        throw new IllegalStateException("listener bug " + thrown.incrementAndGet());
                    }

                    @Override
                    public void topicPartitionsAssigned(Set<TopicPartition> partitions) {
                        throw new IllegalStateException("listener bug " + thrown.incrementAndGet());
                    }
                }).build(), List.of(topic));
        members.add(first);
        for (int i = 0; i < 5; i++) {
            assertThat(first.consume(Duration.ofSeconds(30))).as("record %d", i).isNotNull();
        }

        BalancedMultiTopicConsumer second = client.balancedConsumer(quietMember(prefix + "group").build(), List.of(topic));
        members.add(second);

        awaitShares(List.of(first, second), List.of(topic));
        // Assigned twice and revoked once, each callback throwing; the member stayed, read from the positions it would
        // have started at, and took its new share.
        assertThat(thrown).hasValueGreaterThanOrEqualTo(6);
        try (SimpleConsumer group = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                .consumerGroup(prefix + "group").build())) {
            assertThat(group.fetchOffsets()).as("committed for partitions whose offsets the listener failed to choose")
                    .allSatisfy((partition, offset) -> assertThat(offset).isNegative());
        }
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void noRecordOfNewlyAssignedPartitionsIsHandedOutBeforeTheListenerWasTold(Coordinator coordinator) throws Exception {
        assumeTrue(backend() == Backend.NATIVE, "the group membership that tells the listener is the same for every"
                + " backend: one run proves it");
        String prefix = "told-" + coordinator.name().toLowerCase() + "-";
        String topic = prefix + "topic";
        client.createTopic(topic, 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 2, 0, 40, "none", System.currentTimeMillis());
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean holding = new AtomicBoolean();
        ConsumerConfig.Builder config = ConsumerConfig.builder().consumerGroup(prefix + "group").autoCommit(false)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300))
                .rebalanceBackoff(Duration.ofMillis(200))
                .rebalanceListener(new RebalanceListener() {
                    @Override
                    public void topicPartitionsAssigned(Set<TopicPartition> partitions) {
                        if (armed.get()) {
                            holding.set(true);
                            try {
                                release.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            holding.set(false);
                        }
                    }
                });
        BalancedMultiTopicConsumer member = client.balancedConsumer(coordinator == Coordinator.KAFKA
                ? config.managed(true).build() : config.zookeeperConnect(cluster.zookeeperConnect()).build(), List.of(topic));
        members.add(member);
        BalancedMultiTopicConsumer other = client.balancedConsumer(config(coordinator, prefix + "group", "other"),
                List.of(topic));
        await().atMost(Duration.ofSeconds(30)).until(() -> member.assignment().size() == 1 && other.assignment().size() == 1);
        TopicPartition gained = other.assignment().iterator().next();

        armed.set(true);
        other.close();
        await().atMost(Duration.ofSeconds(30)).untilTrue(holding);
        Set<TopicPartition> handedOut = new TreeSet<>();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < until && holding.get()) {
                Message message = member.consume(Duration.ofMillis(100));
                if (message != null) {
                    handedOut.add(TopicPartition.of(message.topic(), message.partitionId()));
                }
            }
        } finally {
            release.countDown();
        }
        assertThat(handedOut).as("partitions read while the listener was being told of %s", gained).doesNotContain(gained);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message message = member.consume(Duration.ofMillis(200));
            return message != null && TopicPartition.of(message.topic(), message.partitionId()).equals(gained);
        });
    }

    @Test
    void aSessionTimeoutTheCoordinatorRefusesFailsTheJoinNamingTheSetting() {
        assumeTrue(backend() == Backend.NATIVE, "the group membership is the same for every backend: one run proves it");
        String topic = "short-session-topic";
        client.createTopic(topic, 1, 1);

        assertThatThrownBy(() -> members.add(client.balancedConsumer(quietMember("short-session")
                .sessionTimeout(Duration.ofSeconds(2)).build(), List.of(topic))))
                .as("a join the coordinator refuses for its session timeout (brokers' minimum: 6 s)")
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContainingAll("sessionTimeout", "PT2S", "group.min.session.timeout.ms");
    }

    private ConsumerConfig.Builder quietMember(String group) {
        return ConsumerConfig.builder().backend(backend()).consumerGroup(group).autoCommit(false).managed(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300));
    }

    /** Writes phase {@code phase}'s records to every topic, each record's value naming its topic and number. */
    private void write(List<String> topics, int phase) {
        int from = phase * PER_TOPIC_AND_PHASE;
        for (String topic : topics) {
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic, PARTITIONS, from, from + PER_TOPIC_AND_PHASE,
                    "lz4", System.currentTimeMillis());
        }
    }

    /**
     * Waits until every member holds partitions and together they hold every partition of {@code topics} once (the
     * range assignor deals each topic on its own: 4 partitions among 3 members are 2, 1 and 1).
     */
    private void awaitShares(List<BalancedMultiTopicConsumer> group, List<String> topics) {
        Set<TopicPartition> all = new TreeSet<>();
        topics.forEach(topic -> IntStream.range(0, client.topic(topic).partitions().size())
                .forEach(partition -> all.add(TopicPartition.of(topic, partition))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<TopicPartition> held = new ArrayList<>();
            for (BalancedMultiTopicConsumer member : group) {
                assertThat(member.assignment()).as("partitions of %s", member.memberId()).isNotEmpty();
                held.addAll(member.assignment());
            }
            assertThat(held).as("every partition owned by exactly one member").containsExactlyInAnyOrderElementsOf(all);
        });
    }

    private BalancedMultiTopicConsumer join(Coordinator coordinator, String group, List<String> topics, String name) {
        BalancedMultiTopicConsumer member = client.balancedConsumer(config(coordinator, group, name), topics);
        return started(member, name);
    }

    private BalancedMultiTopicConsumer join(Coordinator coordinator, String group, Pattern topics, String name) {
        BalancedMultiTopicConsumer member = client.balancedConsumer(config(coordinator, group, name), topics);
        return started(member, name);
    }

    private ConsumerConfig config(Coordinator coordinator, String group, String name) {
        ConsumerConfig.Builder config = ConsumerConfig.builder().backend(backend()).consumerGroup(group).autoCommit(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300))
                .rebalanceBackoff(Duration.ofMillis(200)).rebalanceMaxRetries(50)
                .rebalanceListener(new OwnershipRecorder(name));
        return coordinator == Coordinator.KAFKA ? config.managed(true).build()
                : config.zookeeperConnect(cluster.zookeeperConnect()).build();
    }

    /** Registers the member and reads with it in the background, noting every read of a partition it does not own. */
    private BalancedMultiTopicConsumer started(BalancedMultiTopicConsumer member, String name) {
        members.add(member);
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    Message message = member.consume(Duration.ofMillis(100));
                    if (message != null) {
                        TopicPartition partition = TopicPartition.of(message.topic(), message.partitionId());
                        String owner = owners.get(partition);
                        if (!name.equals(owner)) {
                            violations.add(name + " read " + partition + " owned by " + owner);
                        }
                        if (!seen.add(message.topic() + "/" + message.valueAsString())) {
                            duplicates.add(message.topic() + "/" + message.valueAsString());
                        }
                    }
                }
            } catch (ClientClosedException closed) {
                // the member left the group
            }
        }, "reader-" + name);
        reader.setDaemon(true);
        reader.start();
        return member;
    }

    /** Notes (in {@code violations}) a partition assigned while another member holds it. */
    private final class OwnershipRecorder implements RebalanceListener {

        private final String name;

        OwnershipRecorder(String name) {
            this.name = name;
        }

        @Override
        public void topicPartitionsAssigned(Set<TopicPartition> partitions) {
            partitions.forEach(partition -> {
                String previous = owners.putIfAbsent(partition, name);
                if (previous != null && !previous.equals(name)) {
                    violations.add(partition + " given to " + name + " while " + previous + " holds it");
                }
            });
        }

        @Override
        public void topicPartitionsRevoked(Set<TopicPartition> partitions) {
            partitions.forEach(partition -> owners.remove(partition, name));
        }
    }
}

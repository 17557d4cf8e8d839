package dev.gregor.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import dev.gregor.TopicPartition;
import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.ClientSettings;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Members of one group coordinated by a real broker, over several topics, each with its own subscription. */
@KafkaCluster
class KafkaGroupMembershipTest {

    private static final String X = "membership-x";
    private static final String Y = "membership-y";
    private static final String Z = "membership-z";
    private static final String W = "membership-w";
    private static final String V = "membership-v";
    private static final Duration REBALANCE = Duration.ofSeconds(30);
    private static final AssignmentStrategy STRATEGY = AssignmentStrategy.range();

    private final EmbeddedKafkaCluster cluster;
    private final Transport transport = new Transport(new NetworkSettings("membership-test", Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1), 1 << 26,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);
    private final ClientContext context;
    private final String group = "group-" + UUID.randomUUID();
    private final OwnershipLedger ledger = new OwnershipLedger();
    private final List<KafkaGroupMembership> started = new ArrayList<>();

    KafkaGroupMembershipTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        MetadataCache metadata = new MetadataCache(connections, BrokerAddress.parseList(cluster.bootstrapServers()),
                Duration.ofMillis(500));
        metadata.refreshPeriodically(transport.scheduler());
        context = new ClientContext(metadata, connections, Duration.ofSeconds(10), Duration.ofSeconds(30),
                transport.scheduler(), PooledByteBufAllocator.DEFAULT, child -> { }, child -> { },
                new ClientSettings(cluster.bootstrapServers(), "membership-test", SecurityProtocol.PLAINTEXT, null, null),
                backend -> { throw new IllegalStateException("this test builds its engines itself"); },
                transport.clientCounters());
    }

    @BeforeAll
    static void createTopics(EmbeddedKafkaCluster cluster) {
        for (String topic : List.of(X, Y, Z)) {
            cluster.createTopic(topic, 4, 1);
        }
        cluster.createTopic(W, 2, 1);
        cluster.createTopic(V, 2, 1);
    }

    @AfterEach
    void close() {
        started.forEach(KafkaGroupMembership::close);
        connections.close();
        transport.close();
    }

    @Test
    void threeMembersShareThreeTopicsAsTheyJoinAndLeaveAndNoPartitionIsEverReadTwice() {
        Map<String, Integer> topics = Map.of(X, 4, Y, 4, Z, 4);
        Member a = join("member-a", topics);
        awaitDealt(List.of(a));
        Member b = join("member-b", topics);
        awaitDealt(List.of(a, b));
        Member c = join("member-c", topics);
        awaitDealt(List.of(a, b, c));

        a.membership().close();
        assertThat(a.listener().owned()).isEmpty();
        awaitDealt(List.of(b, c));

        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void eachMemberGetsOnlyTheTopicsItSubscribedTo() {
        Member a = join("member-a", Map.of(X, 4, Y, 4));
        Member b = join("member-b", Map.of(Y, 4, Z, 4));
        Member single = join("member-s", Map.of(X, 4));

        awaitDealt(List.of(a, b, single));
        assertThat(topicsOf(b)).containsExactly(Y, Z);
        assertThat(topicsOf(single)).containsExactly(X);
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void aKafkaClientsMemberReadingOtherTopicsSharesOnlyTheTopicTheyBothRead() {
        Member gregor = join("gregor", Map.of(X, 4, Y, 4));
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(kafkaClientsMember(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            kafka.subscribe(List.of(Y, Z));
            await().atMost(REBALANCE).untilAsserted(() -> {
                kafka.poll(Duration.ofMillis(100));
                Set<TopicPartition> theirs = assignmentOf(kafka);
                assertThat(theirs).hasSize(6).containsAll(partitionsOf(Z, 4));
                assertThat(gregor.listener().owned()).hasSize(6).containsAll(partitionsOf(X, 4))
                        .doesNotContainAnyElementsOf(theirs);
            });
        }
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void theLeaderRejoinsWhenATopicOnlyAKafkaClientsMemberReadsIsCreated() {
        Member gregor = join("gregor", Map.of(X, 4));
        awaitDealt(List.of(gregor));
        String later = "membership-created-later";
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(kafkaClientsMember(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            kafka.subscribe(List.of(W, later));
            await().atMost(REBALANCE).untilAsserted(() -> {
                kafka.poll(Duration.ofMillis(100));
                assertThat(assignmentOf(kafka)).isEqualTo(partitionsOf(W, 2));
            });

            cluster.createTopic(later, 2, 1);

            // A kafka-clients follower leaves watching the metadata to the leader, so only Gregor's rejoin deals it.
            await().atMost(REBALANCE).untilAsserted(() -> {
                kafka.poll(Duration.ofMillis(100));
                Set<TopicPartition> expected = new TreeSet<>(partitionsOf(W, 2));
                expected.addAll(partitionsOf(later, 2));
                assertThat(assignmentOf(kafka)).isEqualTo(expected);
            });
            assertThat(gregor.listener().owned()).isEqualTo(partitionsOf(X, 4));
        }
        assertThat(ledger.violations()).isEmpty();
    }

    private Properties kafkaClientsMember() {
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("group.id", group);
        config.put("group.protocol", "classic");
        config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
        config.put("allow.auto.create.topics", "false");
        return config;
    }

    private static Set<TopicPartition> assignmentOf(KafkaConsumer<byte[], byte[]> kafka) {
        Set<TopicPartition> assigned = new TreeSet<>();
        kafka.assignment().forEach(partition -> assigned.add(TopicPartition.of(partition.topic(), partition.partition())));
        return assigned;
    }

    @Test
    void aSubscriptionChangeRebalancesTheGroupOverTheNewTopic() {
        Member a = join("member-a", Map.of(X, 4));
        Member b = join("member-b", Map.of(X, 4));
        awaitDealt(List.of(a, b));

        b.subscription().set(Map.of(X, 4, W, 2));
        awaitDealt(List.of(a, b));
        assertThat(b.listener().owned()).contains(TopicPartition.of(W, 0), TopicPartition.of(W, 1));

        a.subscription().set(Map.of(X, 4, W, 2));
        awaitDealt(List.of(a, b));
        assertThat(topicsOf(a)).containsExactly(W, X);
        assertThat(topicsOf(b)).containsExactly(W, X);
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void theLeaderRejoinsWhenATopicOnlyAnotherMemberReadsGainsPartitions() throws Exception {
        Member leader = join("member-a", Map.of(X, 4));
        Member other = join("member-b", Map.of(V, 2));
        awaitDealt(List.of(leader, other));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createPartitions(Map.of(V, NewPartitions.increaseTo(3))).all().get();
        }

        await().atMost(REBALANCE).untilAsserted(() ->
                assertThat(other.listener().owned()).isEqualTo(partitionsOf(V, 3)));
        assertThat(leader.listener().owned()).isEqualTo(partitionsOf(X, 4));
        assertThat(ledger.violations()).isEmpty();
    }

    private Member join(String name, Map<String, Integer> topics) {
        TestSubscription subscription = new TestSubscription(topics);
        KafkaGroupMembership membership = new KafkaGroupMembership(context, group, subscription, STRATEGY,
                Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(20), null, () -> false);
        started.add(membership);
        RecordingListener listener = new RecordingListener(name, ledger);
        membership.start(listener);
        return new Member(membership, listener, subscription);
    }

    /**
     * Waits until the members own exactly what the strategy deals them, by their broker-given member ids and their
     * current subscriptions: every subscribed topic-partition owned by exactly one member.
     */
    private void awaitDealt(List<Member> members) {
        await().atMost(REBALANCE).untilAsserted(() -> {
            Map<String, Set<String>> subscriptions = new TreeMap<>();
            Map<String, Integer> counts = new TreeMap<>();
            for (Member member : members) {
                subscriptions.put(member.membership().memberId(), member.subscription().topics().keySet());
                counts.putAll(member.subscription().topics());
            }
            Map<String, List<TopicPartition>> expected = STRATEGY.assign(subscriptions, counts);
            for (Member member : members) {
                assertThat(member.listener().owned()).as(member.membership().memberId())
                        .containsExactlyInAnyOrderElementsOf(expected.get(member.membership().memberId()));
            }
        });
    }

    private static Set<TopicPartition> partitionsOf(String topic, int count) {
        Set<TopicPartition> partitions = new TreeSet<>();
        for (int partition = 0; partition < count; partition++) {
            partitions.add(TopicPartition.of(topic, partition));
        }
        return partitions;
    }

    private static Set<String> topicsOf(Member member) {
        Set<String> topics = new TreeSet<>();
        member.listener().owned().forEach(partition -> topics.add(partition.topic()));
        return topics;
    }

    private record Member(KafkaGroupMembership membership, RecordingListener listener, TestSubscription subscription) {
    }
}

package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gregor.GroupNotEmptyException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaClient;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownGroupException;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listing, describing and deleting groups of every kind through {@link Admin}, against a real broker. */
@KafkaCluster
class GroupAdminTest {

    private final EmbeddedKafkaCluster cluster;
    private final GroupFixtures fixtures;
    private final KafkaClient client;
    private final Admin admin;

    GroupAdminTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.fixtures = new GroupFixtures(cluster, "gregor-member");
        this.client = fixtures.client();
        this.admin = fixtures.admin();
    }

    @AfterEach
    void closeFixtures() {
        fixtures.close();
    }

    @Test
    void everyKindOfGroupIsListedAndDescribedWithItsMembersAndTheirPartitions() {
        String topic = fixtures.topic("kinds", 2, Map.of()).name();
        List<TopicPartition> both = List.of(TopicPartition.of(topic, 0), TopicPartition.of(topic, 1));
        String gregor = GroupFixtures.unique("gregor");
        String classic = GroupFixtures.unique("classic");
        String modern = GroupFixtures.unique("modern");
        String share = GroupFixtures.unique("share");
        String empty = GroupFixtures.unique("empty");
        admin.alterGroupOffsets(empty, Map.of(TopicPartition.of(topic, 0), 0L));

        try (BalancedConsumer member = client.topic(topic).balancedConsumer(
                ConsumerConfig.builder().consumerGroup(gregor).managed(true).build());
             KafkaConsumer<byte[], byte[]> classicMember = fixtures.joinedConsumer(classic, "classic-member", "classic", topic, 2);
             KafkaConsumer<byte[], byte[]> modernMember = fixtures.joinedConsumer(modern, "modern-member", "consumer", topic, 2);
             KafkaShareConsumer<byte[], byte[]> shareMember = fixtures.shareConsumer(share, "share-member", topic)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                shareMember.poll(Duration.ofMillis(100));
                assertThat(admin.describeGroup(share).members()).singleElement()
                        .satisfies(shared -> assertThat(shared.assignment()).isEqualTo(both));
            });

            assertThat(admin.listGroups()).contains(
                    new GroupListing(gregor, GroupType.CLASSIC, "Stable", "consumer"),
                    new GroupListing(classic, GroupType.CLASSIC, "Stable", "consumer"),
                    new GroupListing(modern, GroupType.CONSUMER, "Stable", "consumer"),
                    new GroupListing(share, GroupType.SHARE, "Stable", "share"),
                    new GroupListing(empty, GroupType.CLASSIC, "Empty", ""));

            assertOneMember(admin.describeGroup(gregor), GroupType.CLASSIC, "gregor-member", both);
            assertOneMember(admin.describeGroup(classic), GroupType.CLASSIC, "classic-member", both);
            assertOneMember(admin.describeGroup(modern), GroupType.CONSUMER, "modern-member", both);
            assertOneMember(admin.describeGroup(share), GroupType.SHARE, "share-member", both);
            assertThat(admin.describeGroup(gregor).members().get(0).memberId()).isEqualTo(member.memberId());
            assertThat(admin.describeGroup(modern).assignor()).isNotEmpty();
        }
        GroupDescription offsetsOnly = admin.describeGroup(empty);
        assertThat(offsetsOnly.state()).isEqualTo("Empty");
        assertThat(offsetsOnly.members()).isEmpty();
    }

    @Test
    void aClientsFirstCallDescribesAGroupWithItsCoordinator() {
        String topic = fixtures.topic("first-call", 1, Map.of()).name();
        String group = GroupFixtures.unique("first-call");
        admin.alterGroupOffsets(group, Map.of(TopicPartition.of(topic, 0), 0L));

        try (KafkaClient fresh = KafkaClient.connect(cluster.bootstrapServers())) {
            GroupDescription described = fresh.admin().describeGroup(group);

            assertThat(described.coordinator()).isPresent();
            assertThat(fresh.brokers()).contains(described.coordinator().orElseThrow());
        }
    }

    @Test
    void aGroupIsDeletedOnlyOnceItsMembersLeft() {
        String topic = fixtures.topic("deleted", 1, Map.of()).name();
        String group = GroupFixtures.unique("deleted");
        BalancedConsumer member = client.topic(topic).balancedConsumer(
                ConsumerConfig.builder().consumerGroup(group).managed(true).build());
        try (member) {
            assertThatThrownBy(() -> admin.deleteGroup(group)).isInstanceOf(GroupNotEmptyException.class)
                    .hasMessageContaining("'" + group + "'");
            assertThat(admin.describeGroup(group).members()).hasSize(1);
        }

        admin.deleteGroup(group);

        assertThatThrownBy(() -> admin.describeGroup(group)).isInstanceOf(UnknownGroupException.class);
        assertThat(admin.listGroups()).extracting(GroupListing::groupId).doesNotContain(group);
        assertThatThrownBy(() -> admin.groupOffsets(group)).isInstanceOf(UnknownGroupException.class);
    }

    @Test
    void anUnknownGroupIsReportedAsUnknownByEveryCall() {
        String group = GroupFixtures.unique("unknown");

        assertThatThrownBy(() -> admin.describeGroup(group)).isInstanceOf(UnknownGroupException.class)
                .hasMessageContaining("'" + group + "'");
        assertThatThrownBy(() -> admin.deleteGroup(group)).isInstanceOf(UnknownGroupException.class);
        assertThatThrownBy(() -> admin.groupOffsets(group)).isInstanceOf(UnknownGroupException.class);
        assertThatThrownBy(() -> admin.lag(group)).isInstanceOf(UnknownGroupException.class);
        assertThatThrownBy(() -> admin.deleteGroupOffsets(group, List.of(TopicPartition.of("any", 0))))
                .isInstanceOf(UnknownGroupException.class);
    }

    @Test
    void withoutReachableBrokersGroupCallsFailWithinTheApiTimeoutNamingTheBroker() {
        try (KafkaClient nowhere = KafkaClient.builder().bootstrapServers("127.0.0.1:1")
                .apiTimeout(Duration.ofSeconds(1)).build()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> nowhere.admin().listGroups()).isInstanceOf(KafkaException.class)
                    .hasMessageContaining("127.0.0.1:1");
            assertThatThrownBy(() -> nowhere.admin().describeGroup("any")).isInstanceOf(KafkaException.class)
                    .hasMessageContaining("127.0.0.1:1");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static void assertOneMember(GroupDescription group, GroupType type, String clientId,
                                        List<TopicPartition> assignment) {
        assertThat(group.type()).isEqualTo(type);
        assertThat(group.state()).isEqualTo("Stable");
        assertThat(group.coordinator()).isPresent();
        assertThat(group.members()).singleElement().satisfies(member -> {
            assertThat(member.clientId()).isEqualTo(clientId);
            assertThat(member.host()).contains("127.0.0.1");
            assertThat(member.groupInstanceId()).isEqualTo(Optional.empty());
            assertThat(member.assignment()).isEqualTo(assignment);
        });
    }
}

package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.gregor.GroupNotEmptyException;
import dev.gregor.InvalidConfigException;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownGroupException;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading, altering and deleting a group's committed offsets through {@link Admin}, and its lag (log end offset
 * minus committed offset), against a real broker.
 */
@KafkaCluster
class GroupOffsetsAdminTest {

    private final EmbeddedKafkaCluster cluster;
    private final GroupFixtures fixtures;
    private final Admin admin;

    GroupOffsetsAdminTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.fixtures = new GroupFixtures(cluster, "offsets-test");
        this.admin = fixtures.admin();
    }

    @AfterEach
    void closeFixtures() {
        fixtures.close();
    }

    @Test
    void offsetsSetOnAnEmptyGroupAreReadBackAndWhereItsConsumerStarts() {
        Topic topic = fixtures.topic("altered", 2, Map.of(0, 4, 1, 4));
        String name = topic.name();
        String group = GroupFixtures.unique("altered");
        TopicPartition first = TopicPartition.of(name, 0);
        TopicPartition second = TopicPartition.of(name, 1);

        admin.alterGroupOffsets(group, Map.of(first, 2L, second, 3L));
        assertThat(admin.groupOffsets(group)).isEqualTo(Map.of(first, 2L, second, 3L));

        admin.deleteGroupOffsets(group, List.of(second));
        assertThat(admin.groupOffsets(group)).isEqualTo(Map.of(first, 2L));

        admin.alterGroupOffsets(group, Map.of(second, 3L));
        Set<String> consumed = new TreeSet<>();
        try (BalancedConsumer consumer = topic.balancedConsumer(
                ConsumerConfig.builder().consumerGroup(group).managed(true).build())) {
            for (int i = 0; i < 3; i++) {
                Message message = consumer.consume(Duration.ofSeconds(10));
                consumed.add(message.partitionId() + "@" + message.offset());
            }
            assertThat(consumer.consume(Duration.ofMillis(300))).isNull();
        }
        assertThat(consumed).containsExactly("0@2", "0@3", "1@3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void offsetsOfALiveGroupAreNeitherAlteredNorDeleted(String protocol) {
        String name = fixtures.topic("live", 1, Map.of(0, 3)).name();
        String group = GroupFixtures.unique("live");
        TopicPartition partition = TopicPartition.of(name, 0);
        try (KafkaConsumer<byte[], byte[]> member = fixtures.joinedConsumer(group, "live-member", protocol, name, 1)) {
            GroupFixtures.commit(member, name, Map.of(0, 1L));

            assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(partition, 3L)))
                    .isInstanceOf(GroupNotEmptyException.class).hasMessageContaining("'" + group + "'");
            assertThatThrownBy(() -> admin.deleteGroupOffsets(group, List.of(partition)))
                    .isInstanceOf(GroupNotEmptyException.class).hasMessageContaining("topic '" + name + "'");
            assertThat(admin.groupOffsets(group)).isEqualTo(Map.of(partition, 1L));
        }
    }

    @Test
    void offsetsOfAnUnknownTopicOrPartitionAreRefused() {
        String name = fixtures.topic("bounds", 2, Map.of()).name();
        String group = GroupFixtures.unique("bounds");

        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name + "-missing", 0), 1L)))
                .isInstanceOf(UnknownTopicException.class);
        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name, 2), 1L)))
                .isInstanceOf(UnknownPartitionException.class);
        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name, 0), -1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.groupOffsets(group)).isInstanceOf(UnknownGroupException.class);
    }

    @Test
    void lagIsTheLogEndMinusTheCommittedOffsetOnEveryPartitionWithItsMember() {
        String name = fixtures.topic("lag", 3, Map.of(0, 5, 1, 3)).name();
        String group = GroupFixtures.unique("lag");
        try (KafkaConsumer<byte[], byte[]> member = fixtures.joinedConsumer(group, "lag-member", "classic", name, 3)) {
            GroupFixtures.commit(member, name, Map.of(0, 2L, 1, 3L));

            List<PartitionLag> lag = admin.lag(group);

            assertThat(lag).extracting(PartitionLag::partition).containsExactly(
                    TopicPartition.of(name, 0), TopicPartition.of(name, 1), TopicPartition.of(name, 2));
            assertThat(lag).extracting(PartitionLag::committed)
                    .containsExactly(OptionalLong.of(2), OptionalLong.of(3), OptionalLong.empty());
            assertThat(lag).extracting(PartitionLag::logEndOffset).containsExactly(5L, 3L, 0L);
            assertThat(lag).extracting(PartitionLag::lag)
                    .containsExactly(OptionalLong.of(3), OptionalLong.of(0), OptionalLong.empty());
            assertThat(lag).allSatisfy(partition -> assertThat(partition.member()).hasValueSatisfying(
                    assigned -> assertThat(assigned.clientId()).isEqualTo("lag-member")));
        }
    }

    @Test
    void aShareGroupsOffsetsAreItsStartOffsetsAsKafkasAdminReadsThem() throws Exception {
        Topic topic = fixtures.topic("shared", 1, Map.of(0, 3));
        String group = GroupFixtures.unique("share-offsets");
        TopicPartition only = TopicPartition.of(topic.name(), 0);
        try (org.apache.kafka.clients.admin.Admin kafka = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()))) {
            // A share group starts at the end unless told otherwise: this one reads the three records there are.
            kafka.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                    new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            try (KafkaShareConsumer<byte[], byte[]> member = fixtures.shareConsumer(group, "share-offsets", topic.name())) {
                List<byte[]> received = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    member.poll(Duration.ofMillis(100)).forEach(record -> received.add(record.value()));
                    return received.size() == 3;
                });
                member.commitSync(); // accepts the three, implicitly acknowledged

                // The start offset moves as the share coordinator stores the acknowledgements, in its own time:
                // compared with what Kafka's Admin reads.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    long start = kafka.listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                            .partitionsToOffsetInfo(group).get()
                            .get(new org.apache.kafka.common.TopicPartition(topic.name(), 0)).startOffset();
                    assertThat(admin.groupOffsets(group)).isEqualTo(Map.of(only, start));
                    assertThat(admin.lag(group)).singleElement().satisfies(lag -> {
                        assertThat(lag.committed()).hasValue(start);
                        assertThat(lag.logEndOffset()).isEqualTo(3);
                        assertThat(lag.lag()).hasValue(3 - start);
                        assertThat(lag.member()).map(GroupMember::clientId).hasValue("share-offsets");
                    });
                });
            }
        }
        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(only, 0L)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("this is a share group");
    }

    @Test
    void aGroupWithOnlyOffsetsLagsWithoutMembers() {
        String name = fixtures.topic("idle", 2, Map.of(0, 4, 1, 2)).name();
        String group = GroupFixtures.unique("idle");
        admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name, 1), 1L));

        assertThat(admin.lag(group)).containsExactly(new PartitionLag(TopicPartition.of(name, 1), OptionalLong.of(1),
                2, Optional.empty()));
    }
}

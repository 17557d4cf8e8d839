package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A group's lag through {@link Admin}: log end offset minus committed offset, with the member, on a real broker. */
@KafkaCluster
class LagAdminTest {

    private final KafkaClient client;
    private final Admin admin;
    private final GroupFixtures fixtures;

    LagAdminTest(EmbeddedKafkaCluster cluster) {
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        this.admin = client.admin();
        this.fixtures = new GroupFixtures(cluster.bootstrapServers());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void lagIsTheLogEndMinusTheCommittedOffsetOnEveryPartitionWithItsMember() {
        String name = GroupFixtures.unique("lag");
        Topic topic = client.createTopic(name, 3, 1);
        GroupFixtures.produce(topic, Map.of(0, 5, 1, 3));
        String group = GroupFixtures.unique("lag");
        try (KafkaConsumer<byte[], byte[]> member = fixtures.joinedConsumer(group, "lag-member", "classic", name, 3)) {
            member.commitSync(Map.of(
                    new org.apache.kafka.common.TopicPartition(name, 0), new OffsetAndMetadata(2),
                    new org.apache.kafka.common.TopicPartition(name, 1), new OffsetAndMetadata(3)));

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
    void aGroupWithOnlyOffsetsLagsWithoutMembers() {
        String name = GroupFixtures.unique("idle");
        Topic topic = client.createTopic(name, 2, 1);
        GroupFixtures.produce(topic, Map.of(0, 4, 1, 2));
        String group = GroupFixtures.unique("idle");
        admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name, 1), 1L));

        assertThat(admin.lag(group)).containsExactly(new PartitionLag(TopicPartition.of(name, 1), OptionalLong.of(1),
                2, java.util.Optional.empty()));
    }
}

package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.gregor.GroupNotEmptyException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reading, altering and deleting a group's committed offsets through {@link Admin}, against a real broker. */
@KafkaCluster
class GroupOffsetsAdminTest {

    private final KafkaClient client;
    private final Admin admin;
    private final GroupFixtures fixtures;

    GroupOffsetsAdminTest(EmbeddedKafkaCluster cluster) {
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        this.admin = client.admin();
        this.fixtures = new GroupFixtures(cluster.bootstrapServers());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void offsetsSetOnAnEmptyGroupAreReadBackAndWhereItsConsumerStarts() {
        String name = GroupFixtures.unique("altered");
        Topic topic = client.createTopic(name, 2, 1);
        GroupFixtures.produce(topic, Map.of(0, 4, 1, 4));
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
        String name = GroupFixtures.unique("live");
        Topic topic = client.createTopic(name, 1, 1);
        GroupFixtures.produce(topic, Map.of(0, 3));
        String group = GroupFixtures.unique("live");
        TopicPartition partition = TopicPartition.of(name, 0);
        try (KafkaConsumer<byte[], byte[]> member = fixtures.joinedConsumer(group, "live-member", protocol, name, 1)) {
            member.commitSync(Map.of(new org.apache.kafka.common.TopicPartition(name, 0), new OffsetAndMetadata(1)));

            assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(partition, 3L)))
                    .isInstanceOf(GroupNotEmptyException.class).hasMessageContaining("'" + group + "'");
            assertThatThrownBy(() -> admin.deleteGroupOffsets(group, List.of(partition)))
                    .isInstanceOf(GroupNotEmptyException.class).hasMessageContaining("topic '" + name + "'");
            assertThat(admin.groupOffsets(group)).isEqualTo(Map.of(partition, 1L));
        }
    }

    @Test
    void offsetsOfAnUnknownTopicOrPartitionAreRefused() {
        String name = GroupFixtures.unique("bounds");
        client.createTopic(name, 2, 1);
        String group = GroupFixtures.unique("bounds");

        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name + "-missing", 0), 1L)))
                .isInstanceOf(UnknownTopicException.class);
        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name, 2), 1L)))
                .isInstanceOf(UnknownPartitionException.class);
        assertThatThrownBy(() -> admin.alterGroupOffsets(group, Map.of(TopicPartition.of(name, 0), -1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.groupOffsets(group)).isInstanceOf(dev.gregor.UnknownGroupException.class);
    }
}

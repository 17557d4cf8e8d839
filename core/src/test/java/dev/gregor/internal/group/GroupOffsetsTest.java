package dev.gregor.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.TopicPartition;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster
class GroupOffsetsTest {

    private final Transport transport = new Transport(new NetworkSettings("group-offsets-test", Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1), 1 << 26,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);

    @AfterEach
    void close() {
        connections.close();
        transport.close();
    }

    /**
     * Found by the chaos suite (T7): commits made while the coordinator is being looked up (at the start, or after
     * it moved) or while an earlier one is being retried reached the coordinator newest first, so the committed
     * offset went back to the oldest of them, and the group re-read what it had committed.
     */
    @Test
    void commitsReachTheCoordinatorInTheOrderTheyWereMade(EmbeddedKafkaCluster cluster) throws Exception {
        cluster.createTopic("offsets-in-order", 1, 1);
        MetadataCache metadata = new MetadataCache(connections, BrokerAddress.parseList(cluster.bootstrapServers()),
                Duration.ofMinutes(1));
        TopicMetadata topic = metadata.topic("offsets-in-order").get(10, TimeUnit.SECONDS);
        GroupOffsets offsets = new GroupOffsets("in-order", metadata, connections, Duration.ofSeconds(30));
        TopicPartition partition = new TopicPartition(topic.name(), 0);

        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (long next = 1; next <= 20; next++) {
            commits.add(offsets.commit(Map.of(partition, next), Map.of(topic.name(), topic.topicId()),
                    GroupOffsets.Membership.STANDALONE));
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(offsets.fetch(List.of(partition), Map.of(topic.name(), topic.topicId())).get(10, TimeUnit.SECONDS))
                .containsEntry(partition, 20L);
    }

    /**
     * A commit that includes a topic deleted meanwhile (a background commit of a multi-topic consumer) commits the
     * other topics' offsets and drops the deleted topic's, rather than retrying them until the timeout: commits go
     * out in order, so every later commit waited behind it.
     */
    @Test
    void aCommitDropsTheOffsetsOfADeletedTopicAndCommitsTheRest(EmbeddedKafkaCluster cluster) throws Exception {
        cluster.createTopic("offsets-kept", 1, 1);
        cluster.createTopic("offsets-deleted", 1, 1);
        MetadataCache metadata = new MetadataCache(connections, BrokerAddress.parseList(cluster.bootstrapServers()),
                Duration.ofMinutes(1));
        TopicMetadata kept = metadata.topic("offsets-kept").get(10, TimeUnit.SECONDS);
        TopicMetadata deleted = metadata.topic("offsets-deleted").get(10, TimeUnit.SECONDS);
        Map<String, UUID> ids = Map.of(kept.name(), kept.topicId(), deleted.name(), deleted.topicId());
        GroupOffsets offsets = new GroupOffsets("after-deletion", metadata, connections, Duration.ofSeconds(30));
        TopicPartition keptPartition = new TopicPartition(kept.name(), 0);
        TopicPartition deletedPartition = new TopicPartition(deleted.name(), 0);
        offsets.commit(Map.of(keptPartition, 1L, deletedPartition, 1L), ids, GroupOffsets.Membership.STANDALONE)
                .get(10, TimeUnit.SECONDS);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.deleteTopics(List.of(deleted.name())).all().get(30, TimeUnit.SECONDS);
        }
        CompletableFuture<Void> mixed = offsets.commit(Map.of(keptPartition, 5L, deletedPartition, 3L), ids,
                GroupOffsets.Membership.STANDALONE);
        CompletableFuture<Void> later = offsets.commit(Map.of(keptPartition, 7L), ids, GroupOffsets.Membership.STANDALONE);

        // Well within the 30 s timeout: the answer about the deleted topic is checked once against the metadata.
        CompletableFuture.allOf(mixed, later).get(10, TimeUnit.SECONDS);
        assertThat(offsets.fetch(List.of(keptPartition), Map.of(kept.name(), kept.topicId())).get(10, TimeUnit.SECONDS))
                .containsEntry(keptPartition, 7L);
    }
}

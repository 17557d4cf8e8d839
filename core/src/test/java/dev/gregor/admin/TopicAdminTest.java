package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.gregor.Broker;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Partition;
import dev.gregor.TopicExistsException;
import dev.gregor.UnknownTopicException;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class TopicAdminTest {

    private final KafkaClient client;
    private final Admin admin;

    TopicAdminTest(EmbeddedKafkaCluster cluster) {
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        this.admin = client.admin();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aTopicCreatedWithConfigsAndAnAssignmentIsDescribedAndListedExactlySo() {
        String name = unique("admin-assigned");
        Map<Integer, List<Integer>> assignment = Map.of(0, List.of(0, 1), 1, List.of(1, 2), 2, List.of(2, 0));

        admin.createTopic(TopicSpec.withAssignment(name, assignment)
                .withConfig("retention.ms", "3600000").withConfig("cleanup.policy", "compact"));

        TopicDescription described = admin.describeTopic(name);
        assertThat(described.name()).isEqualTo(name);
        assertThat(described.internal()).isFalse();
        assertThat(described.topicId()).hasValueSatisfying(id -> assertThat(id).hasSize(22));
        assertThat(described.partitions()).extracting(Partition::id).containsExactly(0, 1, 2);
        for (Partition partition : described.partitions()) {
            assertThat(ids(partition.replicas())).isEqualTo(assignment.get(partition.id()));
            assertThat(partition.leader()).hasValueSatisfying(leader ->
                    assertThat(assignment.get(partition.id())).contains(leader.id()));
            assertThat(ids(partition.isr())).containsExactlyInAnyOrderElementsOf(assignment.get(partition.id()));
        }
        assertThat(described.overriddenConfigs()).extracting(ConfigEntry::name, entry -> entry.value().orElseThrow())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("retention.ms", "3600000"),
                        org.assertj.core.groups.Tuple.tuple("cleanup.policy", "compact"));
        assertThat(described.configs()).filteredOn(entry -> entry.name().equals("segment.bytes")).singleElement()
                .satisfies(entry -> assertThat(entry.source()).isNotEqualTo(ConfigSource.TOPIC));
        assertThat(admin.listTopics(false)).contains(new TopicListing(name, false, 3, 2));
    }

    @Test
    void listingHidesKafkasInternalTopicsUnlessAskedFor() {
        String name = unique("admin-listed");
        admin.createTopic(TopicSpec.of(name, 1, 1));
        // Committing an offset makes the brokers create __consumer_offsets if no test did before.
        try (SimpleConsumer consumer = client.topic(name).simpleConsumer(ConsumerConfig.builder()
                .consumerGroup(unique("admin-listing-group")).build())) {
            consumer.commitOffsets();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.listTopics(true))
                .filteredOn(TopicListing::internal).extracting(TopicListing::name).contains("__consumer_offsets"));
        List<TopicListing> visible = admin.listTopics(false);
        assertThat(visible).extracting(TopicListing::name).contains(name).doesNotContain("__consumer_offsets");
        assertThat(visible).noneMatch(TopicListing::internal);
    }

    @Test
    void addedPartitionsAreDescribedAndKeyedRecordsLandOnEveryPartition() {
        String name = unique("admin-grown");
        admin.createTopic(TopicSpec.of(name, 2, 3));

        admin.addPartitions(name, 5);

        assertThat(admin.describeTopic(name).partitions()).hasSize(5)
                .allSatisfy(partition -> assertThat(partition.leader()).isPresent());
        Set<Integer> landedOn = new TreeSet<>();
        try (Producer producer = client.topic(name).producer()) {
            List<java.util.concurrent.CompletableFuture<DeliveryReport>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(producer.send(ProducerRecord.of("value-" + i).withKey("key-" + i)));
            }
            producer.flush();
            sent.forEach(report -> landedOn.add(report.join().partition()));
        }
        assertThat(landedOn).containsExactly(0, 1, 2, 3, 4);
        assertThat(client.topic(name).latestOffsets().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(40);

        assertThatThrownBy(() -> admin.addPartitions(name, 5)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(name).hasMessageContaining("current 5 partitions");
        assertThatThrownBy(() -> admin.addPartitions(name, 3)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("current 5 partitions");
    }

    @Test
    void aDeletedTopicIsNoLongerListed() {
        String name = unique("admin-deleted");
        admin.createTopic(TopicSpec.of(name, 1, 1));

        admin.deleteTopic(name);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.listTopics(false)).extracting(TopicListing::name).doesNotContain(name));
        assertThatThrownBy(() -> admin.describeTopic(name)).isInstanceOf(UnknownTopicException.class);
    }

    @Test
    void anUnknownTopicIsAClearErrorForEveryCall() {
        String name = unique("admin-missing");

        assertThatThrownBy(() -> admin.describeTopic(name)).isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> admin.deleteTopic(name)).isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> admin.addPartitions(name, 4)).isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> admin.describeConfig(ConfigResource.topic(name)))
                .isInstanceOf(UnknownTopicException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> admin.alterConfig(ConfigResource.topic(name),
                List.of(ConfigChange.set("retention.ms", "1000")))).isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining(name);
    }

    @Test
    void creatingAnExistingTopicIsRefused() {
        String name = unique("admin-twice");
        admin.createTopic(TopicSpec.of(name, 1, 1));

        assertThatThrownBy(() -> admin.createTopic(TopicSpec.of(name, 1, 1)))
                .isInstanceOf(TopicExistsException.class).hasMessageContaining(name);
    }

    @Test
    void aConfigTheBrokersRefuseIsNamedWithTheirReason() {
        String name = unique("admin-bad-config");

        assertThatThrownBy(() -> admin.createTopic(TopicSpec.of(name, 1, 1).withConfig("retention.ms", "soon")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("retention.ms of topic '" + name + "'").hasMessageContaining("soon")
                .hasMessageContaining("INVALID_CONFIG");
        assertThatThrownBy(() -> admin.createTopic(TopicSpec.of(name, 1, 1).withConfig("no.such.config", "1")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("no.such.config");
        assertThatThrownBy(() -> admin.describeTopic(name)).isInstanceOf(UnknownTopicException.class);
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsRefusedClearly() {
        String name = unique("admin-overreplicated");

        assertThatThrownBy(() -> admin.createTopic(TopicSpec.of(name, 1, 4)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("replicationFactor of topic '" + name + "': 4")
                .hasMessageContaining("INVALID_REPLICATION_FACTOR");
    }

    private static List<Integer> ids(List<Broker> brokers) {
        return brokers.stream().map(Broker::id).toList();
    }
}

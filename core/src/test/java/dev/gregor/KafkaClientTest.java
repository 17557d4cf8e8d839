package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster
class KafkaClientTest {

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;

    KafkaClientTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theKafkaClientsBackendWithoutItsModuleIsAClearErrorNamingTheArtifact() {
        Topic topic = client.createTopic("second-backend", 1, 1);

        assertThatThrownBy(() -> topic.producer(ProducerConfig.builder().backend(Backend.KAFKA_CLIENTS).build()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("dev.gregor:gregor-backend-kafka-clients");
        assertThatThrownBy(() -> topic.simpleConsumer(ConsumerConfig.builder().backend(Backend.KAFKA_CLIENTS).build()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("dev.gregor:gregor-backend-kafka-clients");
    }

    @Test
    void describesTheClusterAndItsBrokers() {
        assertThat(client.brokers()).singleElement().satisfies(broker -> {
            assertThat(broker.port()).isEqualTo(cluster.brokerPorts().get(0));
            assertThat(broker.address()).isEqualTo("127.0.0.1:" + cluster.brokerPorts().get(0));
        });
        Cluster described = client.cluster();
        assertThat(described.clusterId()).isPresent();
        assertThat(described.controller()).isPresent();
    }

    @Test
    void createdTopicsAreListedWithLedPartitions() {
        Topic topic = client.createTopic("client-created", 3, 1);

        assertThat(topic.partitions()).extracting(Partition::id).containsExactly(0, 1, 2);
        assertThat(topic.partitions()).allSatisfy(partition -> {
            assertThat(partition.leader()).isPresent();
            assertThat(partition.replicas()).hasSize(1);
            assertThat(partition.isr()).hasSize(1);
        });
        assertThat(client.topics()).containsKey("client-created");
        assertThatThrownBy(() -> topic.partition(3))
                .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("partitions are 0 to 2");
    }

    @Test
    void offsetsFollowWhatWasWritten() {
        Topic topic = client.createTopic("client-offsets", 2, 1);
        assertThat(topic.latestOffsets()).isEqualTo(Map.of(0, 0L, 1, 0L));

        writeWithKafkaClients("client-offsets", 0, 7);

        assertThat(topic.latestOffsets()).isEqualTo(Map.of(0, 7L, 1, 0L));
        assertThat(topic.earliestOffsets()).isEqualTo(Map.of(0, 0L, 1, 0L));
        assertThat(topic.offsetsForTimestamp(0)).isEqualTo(Map.of(0, 0L, 1, -1L));
    }

    @Test
    void unknownTopicsFailClearlyUnlessAutoCreated() {
        assertThatThrownBy(() -> client.topic("no-such-topic"))
                .isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining("'no-such-topic'")
                .hasMessageContaining("autoCreateTopics(true)");

        try (KafkaClient creating = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers())
                .autoCreateTopics(true).build()) {
            assertThat(creating.topic("auto-created").partitions()).isNotEmpty();
        }
    }

    @Test
    void existingAndDeletedTopicsAreReported() {
        client.createTopic("client-doomed", 1, 1);
        assertThatThrownBy(() -> client.createTopic("client-doomed", 1, 1)).isInstanceOf(TopicExistsException.class);

        client.deleteTopic("client-doomed");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> client.topic("client-doomed")).isInstanceOf(UnknownTopicException.class));
        assertThatThrownBy(() -> client.deleteTopic("client-doomed")).isInstanceOf(UnknownTopicException.class);
    }

    @Test
    void aClusterThatIsDownGivesAClearErrorNamingTheAddresses() {
        try (KafkaClient nowhere = KafkaClient.builder().bootstrapServers("127.0.0.1:1,127.0.0.1:2")
                .apiTimeout(Duration.ofSeconds(2)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(nowhere::brokers)
                    .isInstanceOf(BrokerUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageContaining("127.0.0.1:2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anUnresolvableHostIsNamedWithWhatToCheck() {
        try (KafkaClient nowhere = KafkaClient.builder().bootstrapServers("no-such-host.invalid:9092")
                .apiTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(nowhere::brokers)
                    .isInstanceOf(BrokerUnavailableException.class)
                    .hasMessageContaining("no-such-host.invalid:9092")
                    .hasMessageContaining("host name resolves");
        }
    }

    @Test
    void badSettingsNameThePropertyAndTheAllowedValues() {
        assertThatThrownBy(() -> KafkaClient.connect("localhost"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> KafkaClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> KafkaClient.builder().build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> client.createTopic("bad-partitions", 0, 1))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("partitions");
    }

    @Test
    void aClosedClientSaysSo() {
        client.close();

        assertThatThrownBy(() -> client.topic("anything"))
                .isInstanceOf(ClientClosedException.class).hasMessageContaining("closed");
    }

    private void writeWithKafkaClients(String topic, int partition, int count) {
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {(byte) i}));
            }
        }
    }
}

package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.support.CallerStacks;
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
    void unknownTopicsFailWithTheFixesThatWorkUnlessAutoCreated() {
        assertThatThrownBy(() -> client.topic("no-such-topic"))
                .isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining("client.createTopic(\"no-such-topic\", partitions, replicationFactor)")
                .hasMessageContaining("KafkaClient.builder().autoCreateTopics(true)")
                .hasMessageContaining("gregor.auto-create-topics=true")
                .hasMessageContaining("auto.create.topics.enable does not help");

        try (KafkaClient creating = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers())
                .autoCreateTopics(true).build()) {
            Topic created = creating.topic("auto-created");
            assertThat(created.partitions()).isNotEmpty().allSatisfy(partition -> assertThat(partition.leader()).isPresent());
            try (Producer producer = created.producer(ProducerConfig.builder().sync(true).build())) {
                producer.produce("first".getBytes(StandardCharsets.UTF_8));
            }
            try (SimpleConsumer consumer = created.simpleConsumer()) {
                assertThat(consumer.consume(Duration.ofSeconds(30))).isNotNull()
                        .extracting(message -> new String(message.value(), StandardCharsets.UTF_8)).isEqualTo("first");
            }
        }
        assertThat(client.topic("auto-created").name()).isEqualTo("auto-created");
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheClientAsBuilt() {
        KafkaClient.Builder builder = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers());
        try (KafkaClient built = builder.build()) {
            builder.autoCreateTopics(true).bootstrapServers("127.0.0.1:1").clientId("changed")
                    .apiTimeout(Duration.ofMillis(1));

            assertThatThrownBy(() -> built.topic("not-created-by-a-later-change")).isInstanceOf(UnknownTopicException.class);
            assertThat(built).hasToString("KafkaClient[" + cluster.bootstrapServers() + ", clientId=gregor]");
        }
    }

    @Test
    void internalTopicsAreListedOnlyWhenAskedFor() throws Exception {
        Topic topic = client.createTopic("client-listed", 1, 1);
        try (Producer producer = topic.producer()) {
            producer.send(dev.gregor.producer.ProducerRecord.of("committed")).get(30, TimeUnit.SECONDS);
        }
        // A group's first commit makes the brokers create __consumer_offsets.
        try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder().consumerGroup("client-lister").build())) {
            assertThat(consumer.consume(Duration.ofSeconds(30))).isNotNull();
            consumer.commitOffsets();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.topics(true).containsKey("__consumer_offsets"));

        assertThat(client.topics()).containsKey("client-listed").doesNotContainKey("__consumer_offsets");
        assertThat(client.topics().keySet()).noneMatch(name -> name.startsWith("__"));
        assertThat(client.topics(true)).containsKeys("client-listed", "__consumer_offsets");
    }

    @Test
    void blockingCallsThrowFromTheCallerWithTheIoThreadsFailureAsCause() {
        client.createTopic("client-twice", 1, 1);

        assertThatThrownBy(() -> client.topic("client-never-created"))
                .isInstanceOf(UnknownTopicException.class)
                .satisfies(thrown -> CallerStacks.assertRethrownFor(thrown, "blockingCallsThrowFromTheCallerWithTheIoThreadsFailureAsCause"));
        assertThatThrownBy(() -> client.createTopic("client-twice", 1, 1))
                .isInstanceOf(TopicExistsException.class)
                .satisfies(thrown -> CallerStacks.assertRethrownFor(thrown, "blockingCallsThrowFromTheCallerWithTheIoThreadsFailureAsCause"));
    }

    @Test
    void createTopicIfMissingCreatesOnceAndThenReturnsTheTopicAsItIs() {
        Topic first = client.createTopicIfMissing("client-ensured", 3, 1);
        Topic again = client.createTopicIfMissing("client-ensured", 5, 1);

        assertThat(first.partitions()).hasSize(3);
        assertThat(again.partitions()).hasSize(3);
        assertThat(client.topics()).containsKey("client-ensured");
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
    void aCallThatTimesOutWhileRetryingNamesWhatTheLastAttemptMet() {
        try (KafkaClient nowhere = KafkaClient.builder().bootstrapServers("127.0.0.1:1")
                .apiTimeout(Duration.ofSeconds(1)).reconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)).build()) {
            assertThatThrownBy(nowhere::brokers)
                    .isInstanceOf(KafkaException.class)
                    .hasMessageContaining("Cannot reach the Kafka broker at 127.0.0.1:1");
        }
    }

    @Test
    void aBrokerThatIsDownIsReportedOnceAtWarnNotOnEveryAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        // slf4j-simple, core's test binding, writes to whatever System.err is at the time.
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try (KafkaClient down = KafkaClient.builder().bootstrapServers(address).apiTimeout(Duration.ofSeconds(3)).build()) {
            assertThatThrownBy(down::brokers).isInstanceOf(BrokerUnavailableException.class);
            assertThat(down.networkCounters().connectionAttempts()).as("attempts").isGreaterThan(2);
        } finally {
            System.setErr(stderr);
        }

        assertThat(logged.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(" WARN ") && line.contains(address)))
                .singleElement().asString().contains("Connection refused").contains("logged at DEBUG");
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

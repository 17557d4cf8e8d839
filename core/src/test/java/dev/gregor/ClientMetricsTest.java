package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link KafkaClient#metrics()} and the request latency listener count, against a real broker. */
@KafkaCluster
class ClientMetricsTest {

    private static final int RECORDS = 20;
    /**
     * One 100-byte value without key or headers in a batch of its own: the batch header (61 bytes) and the record
     * (length varint 2, attributes 1, timestamp and offset deltas 1 each, key length 1, value length varint 2,
     * the value 100, header count 1).
     */
    private static final int BATCH_BYTES = 61 + 109;

    private final EmbeddedKafkaCluster cluster;
    private final Map<String, LongAdder> answered = new ConcurrentHashMap<>();
    private final KafkaClient client;

    ClientMetricsTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).clientId("metrics-test")
                .requestLatencyListener((api, nanos) -> {
                    assertThat(nanos).isPositive();
                    answered.computeIfAbsent(api, name -> new LongAdder()).increment();
                })
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void recordsAndBatchBytesSentAndFetchedAreCountedOncePerBatch() {
        Topic topic = client.createTopic("metrics-records", 1, 1);
        byte[] value = new byte[100];
        try (Producer producer = topic.producer(ProducerConfig.builder().sync(true).build())) {
            for (int i = 0; i < RECORDS; i++) {
                Arrays.fill(value, (byte) i);
                producer.produce(value);
            }
        }

        assertThat(client.metrics().recordsSent()).isEqualTo(RECORDS);
        assertThat(client.metrics().bytesSent()).isEqualTo((long) RECORDS * BATCH_BYTES);

        try (SimpleConsumer consumer = topic.simpleConsumer()) {
            for (int i = 0; i < RECORDS; i++) {
                assertThat(consumer.consume(Duration.ofSeconds(10)).value()).containsOnly((byte) i);
            }
            assertThat(client.metrics().recordsFetched()).isEqualTo(RECORDS);
            assertThat(client.metrics().bytesFetched()).isEqualTo((long) RECORDS * BATCH_BYTES);
        }
    }

    @Test
    void everyAnsweredRequestIsTimedByApi() {
        Topic topic = client.createTopic("metrics-latency", 1, 1);
        try (Producer producer = topic.producer(ProducerConfig.builder().sync(true).build())) {
            for (int i = 0; i < 5; i++) {
                producer.produce(new byte[10]);
            }
        }

        Map<String, ClientMetrics.RequestTotals> requests = client.metrics().requests();
        assertThat(requests).containsKeys("ApiVersions", "Metadata", "CreateTopics", "Produce");
        assertThat(requests.get("Produce").count()).isEqualTo(5);
        assertThat(requests.get("Produce").totalTime()).isPositive();
        requests.forEach((api, totals) -> assertThat(answered.get(api).sum()).as(api).isEqualTo(totals.count()));
    }

    @Test
    void openConnectionsFollowConnectionsOpenedAndClosed() {
        Topic topic = client.createTopic("metrics-connections", 1, 1);
        int shared = client.metrics().openConnections();
        assertThat(shared).isPositive().isEqualTo(client.metrics().connectionsOpened());

        SimpleConsumer consumer = topic.simpleConsumer();
        consumer.consume(Duration.ofMillis(200));
        assertThat(client.metrics().openConnections()).as("the consumer's own fetch connection").isEqualTo(shared + 1);
        consumer.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.metrics().openConnections() == shared);

        client.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.metrics().openConnections() == 0);
    }

    @Test
    void aMemberJoiningIsARebalanceOfEveryMember() {
        client.createTopic("metrics-rebalances", 2, 1);
        ConsumerConfig config = ConsumerConfig.builder().consumerGroup("metrics-rebalances").managed(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(200)).build();
        try (KafkaClient other = KafkaClient.connect(cluster.bootstrapServers());
             BalancedConsumer first = client.topic("metrics-rebalances").balancedConsumer(config)) {
            assertThat(client.metrics().rebalances()).isEqualTo(1);

            try (BalancedConsumer second = other.topic("metrics-rebalances").balancedConsumer(config)) {
                assertThat(other.metrics().rebalances()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.metrics().rebalances() == 2);
                assertThat(first.assignment()).hasSize(1);
                assertThat(second.assignment()).hasSize(1);
            }
        }
    }
}

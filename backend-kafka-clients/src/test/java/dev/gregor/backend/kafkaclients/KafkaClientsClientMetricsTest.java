package dev.gregor.backend.kafkaclients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

/** What {@code KafkaClient.metrics()} counts of producers and consumers on the kafka-clients backend. */
@KafkaCluster
class KafkaClientsClientMetricsTest {

    private static final int RECORDS = 10;

    private final EmbeddedKafkaCluster cluster;

    KafkaClientsClientMetricsTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void recordsDeliveredAndFetchedAreCountedTheirBytesAreNot() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic("kafka-clients-metrics", 1, 1);
            try (Producer producer = topic.producer(ProducerConfig.builder().backend(Backend.KAFKA_CLIENTS)
                    .sync(true).build())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.produce(new byte[100]);
                }
            }
            assertThat(client.metrics().recordsSent()).isEqualTo(RECORDS);
            assertThat(client.metrics().bytesSent()).isZero();

            try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder()
                    .backend(Backend.KAFKA_CLIENTS).build())) {
                for (int i = 0; i < RECORDS; i++) {
                    assertThat(consumer.consume(Duration.ofSeconds(10))).isNotNull();
                }
                assertThat(client.metrics().recordsFetched()).isEqualTo(RECORDS);
                assertThat(client.metrics().bytesFetched()).isZero();
            }
        }
    }
}

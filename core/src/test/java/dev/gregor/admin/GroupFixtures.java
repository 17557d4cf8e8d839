package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.gregor.Topic;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Groups of every kind for the admin tests: kafka-clients consumers (classic, KIP-848, share) and records. */
final class GroupFixtures {

    private final String bootstrapServers;

    GroupFixtures(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Writes {@code counts.get(p)} records to each partition p of {@code topic}. */
    static void produce(Topic topic, Map<Integer, Integer> counts) {
        try (Producer producer = topic.producer(ProducerConfig.builder().sync(true).build())) {
            counts.forEach((partition, count) -> {
                for (int i = 0; i < count; i++) {
                    producer.produce(ProducerRecord.of("record " + i).withPartition(partition));
                }
            });
        }
    }

    /**
     * A kafka-clients consumer of {@code topic} in {@code group} ({@code protocol} "classic" or "consumer"), returned
     * once it is assigned all {@code partitions} of it; it commits only when told.
     */
    KafkaConsumer<byte[], byte[]> joinedConsumer(String group, String clientId, String protocol, String topic,
                                                 int partitions) {
        Properties config = common(group, clientId);
        config.put("group.protocol", protocol);
        config.put("enable.auto.commit", "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(100));
            assertThat(consumer.assignment()).hasSize(partitions);
        });
        return consumer;
    }

    /** A kafka-clients share consumer of {@code topic} in share group {@code group}, having polled once. */
    KafkaShareConsumer<byte[], byte[]> shareConsumer(String group, String clientId, String topic) {
        KafkaShareConsumer<byte[], byte[]> consumer = new KafkaShareConsumer<>(common(group, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        consumer.poll(Duration.ofMillis(100));
        return consumer;
    }

    private Properties common(String group, String clientId) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", group);
        config.put("client.id", clientId);
        return config;
    }
}

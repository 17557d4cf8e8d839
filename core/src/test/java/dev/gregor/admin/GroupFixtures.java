package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the admin tests of groups work with: a Gregor client of the cluster and its admin, topics with records, and
 * kafka-clients consumers (classic, KIP-848, share). Closing it closes the client.
 */
final class GroupFixtures implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaClient client;

    GroupFixtures(EmbeddedKafkaCluster cluster, String clientId) {
        this.bootstrapServers = cluster.bootstrapServers();
        this.client = KafkaClient.builder().bootstrapServers(bootstrapServers).clientId(clientId).build();
    }

    /** The Gregor client. */
    KafkaClient client() {
        return client;
    }

    /** The client's admin. */
    Admin admin() {
        return client.admin();
    }

    /** A new topic of a unique name starting with {@code prefix}, with {@code counts.get(p)} records in partition p. */
    Topic topic(String prefix, int partitions, Map<Integer, Integer> counts) {
        Topic topic = client.createTopic(unique(prefix), partitions, 1);
        produce(topic, counts);
        return topic;
    }

    @Override
    public void close() {
        client.close();
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Writes {@code counts.get(p)} records to each partition p of {@code topic}, synchronously. */
    static void produce(Topic topic, Map<Integer, Integer> counts) {
        if (counts.isEmpty()) {
            return;
        }
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

    /** Commits, as {@code consumer}, the offset {@code offsets.get(p)} for each partition p of {@code topic}. */
    static void commit(KafkaConsumer<byte[], byte[]> consumer, String topic, Map<Integer, Long> offsets) {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(new org.apache.kafka.common.TopicPartition(topic, partition),
                new OffsetAndMetadata(offset)));
        consumer.commitSync(committed);
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

package dev.gregor.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic with {@code kafka-clients}' own consumer: the independent witness of what Gregor wrote. */
public final class KafkaClientsReader {

    private KafkaClientsReader() {
    }

    /** Every record of {@code topic}, waiting until at least {@code expected} arrived; fails if more show up. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, int expected) {
        return readAll(bootstrapServers, List.of(topic), expected);
    }

    /** Every record of the {@code topics}, with one consumer, waiting until at least {@code expected} arrived. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, Collection<String> topics,
                                                               int expected) {
        return read(bootstrapServers, topics, expected, "read_uncommitted");
    }

    /**
     * Every committed record of the {@code topics} (read {@code read_committed}: aborted transactions' records left
     * out), waiting until at least {@code expected} arrived.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrapServers, Collection<String> topics,
                                                                     int expected) {
        return read(bootstrapServers, topics, expected, "read_committed");
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, Collection<String> topics,
                                                             int expected, String isolation) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("max.poll.records", "5000");
        config.put("isolation.level", isolation);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected
                        && partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return records;
    }
}

package dev.gregor.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every record of a topic, up to the end offsets it finds at the start, with {@code kafka-clients}' own
 * consumer: the outside witness of what the brokers hold, independent of the client under test.
 */
public final class TopicReadBack {

    private TopicReadBack() {
    }

    /** Every record of {@code topic}, in partition and offset order; fails if that takes longer than {@code limit}. */
    public static List<StoredRecord> readAll(String bootstrapServers, String topic, Duration limit) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("max.poll.records", "5000");
        config.put("isolation.level", "read_committed");
        List<StoredRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, limit)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, limit);
            long deadline = System.nanoTime() + limit.toNanos();
            while (!reachedEnds(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read topic '" + topic + "' to its end offsets " + ends
                            + " within " + limit + "; read " + records.size() + " records");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new StoredRecord(record.partition(), record.offset(), RecordId.decode(record.value())));
                }
            }
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    private static boolean reachedEnds(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}

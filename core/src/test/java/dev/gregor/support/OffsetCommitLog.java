package dev.gregor.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every offset commit of one group the coordinators wrote, read from {@code __consumer_offsets} with kafka-clients'
 * own consumer, in log order: the outside witness of commit order. A polling reader of the committed offsets can
 * miss a value that another commit overwrote a millisecond later; the log keeps each one. Only replicated records
 * are read (up to the high watermark), so a commit lost with a killed leader never shows.
 */
public final class OffsetCommitLog implements AutoCloseable {

    private static final String OFFSETS_TOPIC = "__consumer_offsets";

    private final String group;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final Map<Integer, List<Long>> committed = new TreeMap<>();
    private volatile boolean closing;

    private OffsetCommitLog(String bootstrapServers, String group, String topic) {
        this.group = group;
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("auto.offset.reset", "earliest");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(OFFSETS_TOPIC)) {
            partitions.add(new TopicPartition(OFFSETS_TOPIC, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.reader = new Thread(() -> read(topic), "offset-commit-log-" + group);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts following the commits of {@code group} for {@code topic}, from the beginning of the log. */
    public static OffsetCommitLog follow(String bootstrapServers, String group, String topic) {
        return new OffsetCommitLog(bootstrapServers, group, topic);
    }

    /** The last offset committed for each partition seen so far. */
    public synchronized Map<Integer, Long> latest() {
        Map<Integer, Long> latest = new TreeMap<>();
        committed.forEach((partition, offsets) -> latest.put(partition, offsets.get(offsets.size() - 1)));
        return latest;
    }

    /** How many commit records were seen, over all partitions. */
    public synchronized int count() {
        return committed.values().stream().mapToInt(List::size).sum();
    }

    /** Each commit of a lower offset after a higher one of the same partition: "partition p: a after b". */
    public synchronized List<String> regressions() {
        List<String> found = new ArrayList<>();
        committed.forEach((partition, offsets) -> {
            long highest = -1;
            for (long offset : offsets) {
                if (offset < highest) {
                    found.add("partition " + partition + ": " + offset + " after " + highest);
                }
                highest = Math.max(highest, offset);
            }
        });
        return found;
    }

    private void read(String topic) {
        try {
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    record(topic, record);
                }
            }
        } catch (WakeupException closed) {
            // close() ends the reader
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    /** Keeps an offset commit (key versions 0 and 1: group, topic, partition) of our group and topic. */
    private void record(String topic, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        ByteBuffer key = ByteBuffer.wrap(record.key());
        short keyVersion = key.getShort();
        if (keyVersion > 1 || !group.equals(string(key)) || !topic.equals(string(key))) {
            return;
        }
        int partition = key.getInt();
        ByteBuffer value = ByteBuffer.wrap(record.value());
        value.getShort();
        long offset = value.getLong();
        synchronized (this) {
            committed.computeIfAbsent(partition, ignored -> new ArrayList<>()).add(offset);
        }
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getShort()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        reader.join(Duration.ofSeconds(10).toMillis());
    }
}

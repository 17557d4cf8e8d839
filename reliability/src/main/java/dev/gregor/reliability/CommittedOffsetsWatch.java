package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a group's committed offsets from outside, with {@code kafka-clients}' Admin, every {@code intervalMs} on a
 * thread of its own, and keeps each change seen: the witness that committed offsets never went backwards.
 * Failed reads (a coordinator moving) are counted, not fatal.
 */
public final class CommittedOffsetsWatch implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final String topic;
    private final List<CommitObservation> observations = new ArrayList<>();
    private final Map<Integer, Long> last = new HashMap<>();
    private final PeriodicSampler sampler;

    private CommittedOffsetsWatch(String bootstrapServers, String group, String topic, long intervalMs) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000"));
        this.group = group;
        this.topic = topic;
        this.sampler = new PeriodicSampler("committed-offsets-watch-" + group, intervalMs, this::read);
    }

    /** Starts watching {@code group}'s offsets of {@code topic}. */
    public static CommittedOffsetsWatch start(String bootstrapServers, String group, String topic, long intervalMs) {
        return new CommittedOffsetsWatch(bootstrapServers, group, topic, intervalMs);
    }

    private void read() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        long now = System.currentTimeMillis();
        synchronized (this) {
            offsets.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(topic)) {
                    Long before = last.put(partition.partition(), offset.offset());
                    if (before == null || before != offset.offset()) {
                        observations.add(new CommitObservation(now, partition.partition(), offset.offset()));
                    }
                }
            });
        }
    }

    /** Every change of a committed offset seen so far. */
    public synchronized CommitHistory history() {
        return new CommitHistory(observations);
    }

    /** The committed offsets last seen, by partition. */
    public synchronized Map<Integer, Long> latest() {
        return Map.copyOf(last);
    }

    /** How many reads failed (the coordinator unavailable or moving). */
    public long failedReads() {
        return sampler.failedRounds();
    }

    @Override
    public void close() {
        sampler.close();
        admin.close();
    }
}

package dev.gregor.backend.kafkaclients.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.producer.Partitioner;

/**
 * Tells the partitioner when a partition has been given a batch's worth of records, since {@code KafkaProducer} does
 * not say when it closes a batch: every {@code batchSize} bytes sent to a partition count as one full batch. Without
 * it a sticky partitioner would never move on. Thread-safe.
 */
final class PartitionFill {

    private final String topic;
    private final Partitioner partitioner;
    private final int batchSize;
    private final Map<Integer, AtomicLong> bytesSinceFull = new ConcurrentHashMap<>();

    PartitionFill(String topic, Partitioner partitioner, int batchSize) {
        this.topic = topic;
        this.partitioner = partitioner;
        this.batchSize = batchSize;
    }

    /**
     * Counts a record of {@code recordBytes} (its size bound in a batch) as sent to {@code partition}, telling the
     * partitioner if that fills a batch.
     */
    void sent(int partition, int recordBytes) {
        AtomicLong bytes = bytesSinceFull.computeIfAbsent(partition, ignored -> new AtomicLong());
        long now = bytes.addAndGet(recordBytes);
        if (now >= batchSize && bytes.compareAndSet(now, 0)) {
            partitioner.batchFull(topic, partition);
        }
    }
}

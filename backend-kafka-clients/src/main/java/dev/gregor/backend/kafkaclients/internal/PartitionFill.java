package dev.gregor.backend.kafkaclients.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells when a partition of one topic has been given a batch's worth of records, since {@code KafkaProducer} does
 * not say when it closes a batch: every {@code batchSize} bytes sent to a partition count as one full batch. Without
 * it a sticky partitioner would never move on. Thread-safe.
 */
final class PartitionFill {

    private final int batchSize;
    private final Map<Integer, AtomicLong> bytesSinceFull = new ConcurrentHashMap<>();

    PartitionFill(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * Counts a record of {@code recordBytes} (its size bound in a batch) as sent to {@code partition}; returns
     * whether that fills a batch.
     */
    boolean sent(int partition, int recordBytes) {
        AtomicLong bytes = bytesSinceFull.computeIfAbsent(partition, ignored -> new AtomicLong());
        long now = bytes.addAndGet(recordBytes);
        return now >= batchSize && bytes.compareAndSet(now, 0);
    }
}

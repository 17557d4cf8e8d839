package dev.gregor.internal.producer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.RecordDelivery;
import dev.gregor.internal.protocol.record.CompressionCodec;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import dev.gregor.producer.ProducerRecord;
import io.netty.buffer.ByteBufAllocator;

/**
 * The batches of every topic-partition an engine produces to, oldest first per partition. Producing threads append to the newest batch of a partition
 * under that partition's lock; the sender takes the oldest one when it is ready (full, lingered long enough, or
 * flushing) and removes it once it is finished, so each partition's records leave in the order they came.
 */
final class RecordAccumulator {

    private final ByteBufAllocator allocator;
    private final CompressionCodec codec;
    private final long lingerNanos;
    private final long deliveryTimeoutNanos;
    private final Map<TopicPartition, ArrayDeque<ProducerBatch>> partitions = new ConcurrentHashMap<>();
    private final boolean transactional;
    private final ProducerBatch.BatchOutcomes outcomes;

    /** An accumulator whose batches are sealed transactional if {@code transactional}, telling {@code outcomes}. */
    RecordAccumulator(ByteBufAllocator allocator, CompressionCodec codec, long lingerNanos, long deliveryTimeoutNanos,
                      boolean transactional, ProducerBatch.BatchOutcomes outcomes) {
        this.transactional = transactional;
        this.outcomes = outcomes;
        this.allocator = allocator;
        this.codec = codec;
        this.lingerNanos = lingerNanos;
        this.deliveryTimeoutNanos = deliveryTimeoutNanos;
    }

    /** What an append changed: the producer passes a filled batch on to the partitioner and wakes the sender. */
    enum Appended {
        /** The record joined an open batch that still has room. */
        JOINED,
        /** The record opened its partition's only batch: the sender must plan for its linger time. */
        OPENED,
        /** A batch is ready to go: the record filled it, or opened the batch behind it. */
        FILLED
    }

    /**
     * Appends a record of at most {@code recordBytes} to its partition's newest batch, opening a new batch of at most
     * {@code batchSize} record bytes when that one is full or closed.
     */
    Appended append(TopicPartition partition, ProducerRecord record, int recordBytes, long timestamp, int batchSize,
                    RecordDelivery delivery) {
        ArrayDeque<ProducerBatch> batches = partitions.get(partition);
        if (batches == null) {
            batches = partitions.computeIfAbsent(partition, id -> new ArrayDeque<>());
        }
        synchronized (batches) {
            ProducerBatch newest = batches.peekLast();
            if (newest != null && newest.tryAppend(record, recordBytes, timestamp, delivery)) {
                return newest.isFull() ? Appended.FILLED : Appended.JOINED;
            }
            ProducerBatch fresh = new ProducerBatch(partition, new RecordBatchBuilder(allocator, codec, batchSize,
                    transactional), deliveryTimeoutNanos, outcomes);
            fresh.tryAppend(record, recordBytes, timestamp, delivery);
            batches.addLast(fresh);
            return newest != null || fresh.isFull() ? Appended.FILLED : Appended.OPENED;
        }
    }

    /** The partitions that have batches. */
    List<TopicPartition> partitionsWithBatches() {
        List<TopicPartition> ids = new ArrayList<>();
        partitions.forEach((id, batches) -> {
            synchronized (batches) {
                if (!batches.isEmpty()) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    /**
     * The partition's oldest batch if it may be sent now — full, behind a newer batch, lingered long enough, or
     * everything is being flushed — closed to further records; otherwise null.
     */
    ProducerBatch takeReady(TopicPartition partition, long nowNanos, boolean flushing) {
        ArrayDeque<ProducerBatch> batches = partitions.get(partition);
        synchronized (batches) {
            ProducerBatch oldest = batches.peekFirst();
            if (oldest == null) {
                return null;
            }
            boolean ready = flushing || batches.size() > 1 || oldest.isFull()
                    || nowNanos - oldest.createdNanos() >= lingerNanos;
            if (!ready) {
                return null;
            }
            oldest.close();
            return oldest;
        }
    }

    /**
     * Nanoseconds until the oldest batch of a partition that is not {@code busy} has lingered long enough, or
     * {@code Long.MAX_VALUE} if none waits.
     */
    long nanosUntilNextReady(long nowNanos, Predicate<TopicPartition> busy) {
        long soonest = Long.MAX_VALUE;
        for (Map.Entry<TopicPartition, ArrayDeque<ProducerBatch>> entry : partitions.entrySet()) {
            if (busy.test(entry.getKey())) {
                continue;
            }
            ArrayDeque<ProducerBatch> batches = entry.getValue();
            synchronized (batches) {
                ProducerBatch oldest = batches.peekFirst();
                if (oldest != null) {
                    soonest = Math.min(soonest, Math.max(0, oldest.createdNanos() + lingerNanos - nowNanos));
                }
            }
        }
        return soonest;
    }

    /** Removes a finished batch, which is its partition's oldest. */
    void remove(ProducerBatch batch) {
        ArrayDeque<ProducerBatch> batches = partitions.get(batch.partition());
        synchronized (batches) {
            batches.remove(batch);
        }
    }

    /**
     * Fails and removes, oldest first, the batches of {@code partition} whose delivery deadline has passed,
     * skipping none: a partition's records fail in order, as they would have been written.
     *
     * @return the batches failed
     */
    List<ProducerBatch> expire(TopicPartition partition, long nowNanos, Function<ProducerBatch, KafkaException> reason) {
        ArrayDeque<ProducerBatch> batches = partitions.get(partition);
        List<ProducerBatch> expired = new ArrayList<>();
        synchronized (batches) {
            Iterator<ProducerBatch> oldestFirst = batches.iterator();
            while (oldestFirst.hasNext()) {
                ProducerBatch batch = oldestFirst.next();
                if (!batch.isExpired(nowNanos)) {
                    break;
                }
                batch.close();
                oldestFirst.remove();
                expired.add(batch);
            }
        }
        expired.forEach(batch -> batch.fail(reason.apply(batch)));
        return expired;
    }

    /** Whether no batch is waiting or in flight. */
    boolean isEmpty() {
        return partitions.values().stream().allMatch(batches -> {
            synchronized (batches) {
                return batches.isEmpty();
            }
        });
    }

    /**
     * Fails and removes every batch that is not {@code inFlight} (a partition's oldest batch may be): those of an
     * aborted transaction that were not sent.
     */
    void failUnsent(Predicate<TopicPartition> inFlight, Function<ProducerBatch, KafkaException> reason) {
        List<ProducerBatch> failed = new ArrayList<>();
        partitions.forEach((partition, batches) -> {
            synchronized (batches) {
                Iterator<ProducerBatch> oldestFirst = batches.iterator();
                if (inFlight.test(partition) && oldestFirst.hasNext()) {
                    oldestFirst.next();
                }
                while (oldestFirst.hasNext()) {
                    ProducerBatch batch = oldestFirst.next();
                    batch.close();
                    oldestFirst.remove();
                    failed.add(batch);
                }
            }
        });
        failed.forEach(batch -> batch.fail(reason.apply(batch)));
    }

    /**
     * Fails and removes every batch (the engine closes without having delivered them).
     *
     * @return the batches failed
     */
    List<ProducerBatch> failAll(Function<ProducerBatch, KafkaException> reason) {
        List<ProducerBatch> failed = new ArrayList<>();
        for (ArrayDeque<ProducerBatch> batches : partitions.values()) {
            synchronized (batches) {
                batches.forEach(ProducerBatch::close);
                failed.addAll(batches);
                batches.clear();
            }
        }
        failed.forEach(batch -> batch.fail(reason.apply(batch)));
        return failed;
    }
}

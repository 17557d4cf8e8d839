package dev.gregor.internal.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.gregor.KafkaException;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.ProducerRecord;
import io.netty.buffer.ByteBuf;

/**
 * The records bound for one partition that travel together: filled by producing threads while open, then sealed
 * once (with its producer id, epoch and first sequence number) into the bytes that are sent — and re-sent
 * unchanged on retry, so the broker can recognise a duplicate. Finishing it reports every record exactly once.
 * Guarded by its partition's lock while open; owned by the sender once sealed.
 */
final class ProducerBatch {

    private final String topic;
    private final int partition;
    private final RecordBatchBuilder builder;
    private final DeliveryTracker tracker;
    private final long createdNanos;
    private final long deadlineNanos;
    private final List<ProducerRecord> records;
    private List<CompletableFuture<DeliveryReport>> futures;
    private ByteBuf sealed;
    private int attempts;
    private long retryAtNanos;
    private boolean done;

    ProducerBatch(String topic, int partition, RecordBatchBuilder builder, DeliveryTracker tracker, long deliveryTimeoutNanos) {
        this.topic = topic;
        this.partition = partition;
        this.builder = builder;
        this.tracker = tracker;
        this.createdNanos = System.nanoTime();
        this.deadlineNanos = createdNanos + deliveryTimeoutNanos;
        this.records = tracker.keepsReports() ? new ArrayList<>() : null;
    }

    int partition() {
        return partition;
    }

    /** Appends the record if it fits (an empty batch takes any record); {@code future} may be null. */
    boolean tryAppend(ProducerRecord record, long timestamp, CompletableFuture<DeliveryReport> future) {
        if (sealed != null || !builder.hasRoomFor(record.key(), record.value(), record.headers())) {
            return false;
        }
        int index = builder.recordCount();
        builder.append(timestamp, record.key(), record.value(), record.headers());
        if (records != null) {
            records.add(record);
        }
        if (future != null) {
            if (futures == null) {
                futures = new ArrayList<>();
            }
            while (futures.size() < index) {
                futures.add(null);
            }
            futures.add(future);
        }
        return true;
    }

    int recordCount() {
        return builder.recordCount();
    }

    boolean isFull() {
        return builder.isFull();
    }

    long createdNanos() {
        return createdNanos;
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    boolean isSealed() {
        return sealed != null;
    }

    /** Closes the batch to new records and encodes it once; the batch keeps owning the bytes. */
    ByteBuf seal(long producerId, short producerEpoch, int baseSequence) {
        if (sealed == null) {
            sealed = builder.build(producerId, producerEpoch, baseSequence);
        }
        return sealed;
    }

    /** The sealed bytes. */
    ByteBuf sealed() {
        return sealed;
    }

    int attempts() {
        return attempts;
    }

    void attempted() {
        attempts++;
    }

    void retryAfter(long nanos) {
        retryAtNanos = System.nanoTime() + nanos;
    }

    boolean isBackingOff(long nowNanos) {
        return nowNanos - retryAtNanos < 0;
    }

    boolean isDone() {
        return done;
    }

    /** Reports every record as written from {@code baseOffset} on (-1: unknown, acks=0); frees the bytes. */
    void complete(long baseOffset, long timestamp) {
        finish(baseOffset, timestamp, null);
    }

    /** Reports every record as not delivered because of {@code error}; frees the bytes. */
    void fail(KafkaException error) {
        finish(-1, -1, error);
    }

    private void finish(long baseOffset, long timestamp, KafkaException error) {
        if (done) {
            return;
        }
        done = true;
        int count = builder.recordCount();
        for (int i = 0; i < count; i++) {
            CompletableFuture<DeliveryReport> future = futures != null && i < futures.size() ? futures.get(i) : null;
            if (future == null && records == null) {
                continue;
            }
            DeliveryReport report = new DeliveryReport(records != null ? records.get(i) : null, topic, partition,
                    baseOffset < 0 ? -1 : baseOffset + i, timestamp, Optional.ofNullable(error));
            tracker.report(report);
            if (future != null) {
                if (error == null) {
                    future.complete(report);
                } else {
                    future.completeExceptionally(error);
                }
            }
        }
        if (sealed != null) {
            sealed.release();
            sealed = null;
        } else {
            builder.release();
        }
        tracker.unreserve(count);
    }
}

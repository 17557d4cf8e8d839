package dev.gregor.internal.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.RecordDelivery;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import dev.gregor.producer.ProducerRecord;
import io.netty.buffer.ByteBuf;

/**
 * The records bound for one topic-partition that travel together. Producing threads fill it while it is open (under its
 * partition's lock); the sender then closes it, seals it once into the bytes that are sent, and re-sends those same
 * bytes on retry so the broker can recognise a duplicate. Finishing it reports every record exactly once.
 */
final class ProducerBatch {

    private final TopicPartition partition;
    private final RecordBatchBuilder builder;
    private final long createdNanos;
    private final long deadlineNanos;
    private final List<Tracked> tracked = new ArrayList<>();
    /** The last entry of {@link #tracked}, which a counting delivery's next record may join. */
    private Tracked newest;
    private boolean closed;
    private ByteBuf sealed;
    private int attempts;
    private long retryAtNanos;
    private KafkaException lastError;
    private boolean done;
    private final BatchOutcomes outcomes;

    ProducerBatch(TopicPartition partition, RecordBatchBuilder builder, long deliveryTimeoutNanos,
                  BatchOutcomes outcomes) {
        this.outcomes = outcomes;
        this.partition = partition;
        this.builder = builder;
        this.createdNanos = System.nanoTime();
        this.deadlineNanos = createdNanos + deliveryTimeoutNanos;
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * Appends the record, which takes at most {@code sizeBound} bytes, if the batch is open and has room (an empty
     * batch takes any record).
     */
    boolean tryAppend(ProducerRecord record, int sizeBound, long timestamp, RecordDelivery delivery) {
        if (closed || !builder.hasRoomFor(sizeBound)) {
            return false;
        }
        builder.append(timestamp, record.key(), record.value(), record.headers());
        if (newest != null && newest.delivery == delivery && delivery.countsOnly()) {
            newest.records++;
        } else {
            newest = new Tracked(delivery, timestamp);
            tracked.add(newest);
        }
        return true;
    }

    /** No more records may join; called under the partition's lock when the sender takes the batch. */
    void close() {
        closed = true;
    }

    int recordCount() {
        return builder.recordCount();
    }

    /** Whether no more records fit; a batch the sender took once (its builder may be sealed) always counts as full. */
    boolean isFull() {
        return closed || builder.isFull();
    }

    long createdNanos() {
        return createdNanos;
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    /**
     * Encodes the batch once into the bytes to send, under the given producer id, epoch and first sequence; the
     * batch keeps owning them.
     */
    ByteBuf seal(long producerId, short producerEpoch, int baseSequence) {
        sealed = builder.build(producerId, producerEpoch, baseSequence);
        return sealed;
    }

    /** The bytes sealed before, sent again unchanged on every retry; null if the batch is not sealed yet. */
    ByteBuf sealed() {
        return sealed;
    }

    int attempts() {
        return attempts;
    }

    void attempted() {
        attempts++;
    }

    /** Waits {@code nanos} before the next attempt, remembering why the last one failed. */
    void retryAfter(long nanos, KafkaException error) {
        retryAtNanos = System.nanoTime() + nanos;
        lastError = error;
    }

    boolean isBackingOff(long nowNanos) {
        return nowNanos - retryAtNanos < 0;
    }

    /** Why the last attempt failed, if one did. */
    Optional<KafkaException> lastError() {
        return Optional.ofNullable(lastError);
    }

    boolean isDone() {
        return done;
    }

    /**
     * Reports every record as written from {@code baseOffset} on (-1: unknown, as with acks=0), with the broker's
     * log-append time if the topic uses it (else -1: each record's create time); frees the bytes.
     */
    void complete(long baseOffset, long logAppendTime) {
        finish(baseOffset, logAppendTime, null);
    }

    /** Reports every record as not delivered because of {@code error}; frees the bytes. */
    void fail(KafkaException error) {
        finish(-1, -1, error);
    }

    private void finish(long baseOffset, long logAppendTime, KafkaException error) {
        if (done) {
            return;
        }
        done = true;
        outcomes.ended(partition, builder.recordCount(), error);
        if (sealed != null) {
            sealed.release();
            sealed = null;
        } else {
            builder.release();
        }
        int index = 0;
        for (Tracked entry : tracked) {
            if (entry.delivery.countsOnly()) {
                entry.delivery.ended(entry.records, error);
            } else if (error != null) {
                entry.delivery.failed(error);
            } else {
                entry.delivery.delivered(baseOffset < 0 ? -1 : baseOffset + index,
                        logAppendTime >= 0 ? logAppendTime : entry.timestamp);
            }
            index += entry.records;
        }
    }

    /** Told how every batch ended: how many records, and the error if it failed (a transaction counts them). */
    interface BatchOutcomes {

        /** Nobody listens. */
        BatchOutcomes NONE = (partition, records, error) -> { };

        void ended(TopicPartition partition, int records, KafkaException error);
    }

    /**
     * Whom the outcome of records is told: one record with the create time it was written with, or consecutive
     * records of a delivery that only counts.
     */
    private static final class Tracked {

        private final RecordDelivery delivery;
        private final long timestamp;
        private int records = 1;

        Tracked(RecordDelivery delivery, long timestamp) {
            this.delivery = delivery;
            this.timestamp = timestamp;
        }
    }
}

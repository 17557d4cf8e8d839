package dev.gregor.internal.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.RecordChunk;
import dev.gregor.internal.engine.RecordSource;

/**
 * The bookkeeping every {@link RecordSource} keeps alike, whatever fetches: each held partition's state under one
 * lock, a generation per position (unique within the source, so chunks fetched before a seek, a revoke or a
 * re-assignment are recognised as stale), the records fetched and not yet consumed per partition, the last high
 * watermark, the queue of fetched chunks and a failure for the consumer. Subclasses fetch, and hear of every change
 * through {@link #wanted()} and {@link #madeRoom()} (called outside the lock).
 *
 * @param <S> the subclass's per-partition state
 */
public abstract class PrefetchingRecordSource<S extends PrefetchingRecordSource.Prefetch> implements RecordSource {

    /** Guards {@link #partitions} and everything in the states. */
    protected final Object lock = new Object();
    /** The held partitions' states, in order (by topic, then id); guarded by {@link #lock}. */
    protected final Map<TopicPartition, S> partitions = new TreeMap<>();
    /** Fetched chunks, in the order they came; subclasses add through {@link #enqueue}. */
    private final BlockingQueue<RecordChunk> ready = new LinkedBlockingQueue<>();
    protected final ConsumerConfig config;
    /** What the consumer must see next (set by subclasses; a seek clears it). */
    protected volatile KafkaException failure;
    private long serials;

    protected PrefetchingRecordSource(ConsumerConfig config) {
        this.config = config;
    }

    /** A new state for {@code partition}, to be fetched from {@code offset} in {@code generation}. */
    protected abstract S newState(TopicPartition partition, long generation, long offset);

    /** Points a held partition's state, already in a new generation, at {@code offset}; under the lock. */
    protected abstract void moveTo(S state, long offset);

    /** The wanted partitions or positions changed: fetch accordingly. */
    protected abstract void wanted();

    /** A partition that had {@code queuedMaxMessages} records waiting has room again. */
    protected abstract void madeRoom();

    /** A number never handed out before by this source: a generation, or a token of one fetch. Under the lock. */
    protected final long nextSerial() {
        return ++serials;
    }

    @Override
    public void assign(Map<TopicPartition, Long> start) {
        synchronized (lock) {
            start.forEach((partition, offset) -> partitions.put(partition, newState(partition, nextSerial(), offset)));
        }
        wanted();
    }

    @Override
    public void revoke(Set<TopicPartition> revoked) {
        synchronized (lock) {
            revoked.forEach(partitions::remove);
        }
        wanted();
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        synchronized (lock) {
            S state = partitions.get(partition);
            if (state == null) {
                throw new IllegalStateException("Partition " + partition + " is not held by this consumer");
            }
            state.generation = nextSerial();
            state.buffered = 0;
            moveTo(state, offset);
            failure = null;
        }
        wanted();
    }

    @Override
    public List<TopicPartition> partitions() {
        synchronized (lock) {
            return List.copyOf(partitions.keySet());
        }
    }

    @Override
    public RecordChunk poll(long nanos) throws InterruptedException {
        return ready.poll(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public KafkaException failure() {
        return failure;
    }

    @Override
    public boolean isCurrent(RecordChunk chunk) {
        synchronized (lock) {
            return currentState(chunk) != null;
        }
    }

    @Override
    public void consumed(RecordChunk chunk) {
        boolean roomAgain = false;
        synchronized (lock) {
            S state = currentState(chunk);
            if (state != null) {
                boolean wasFull = isFull(state);
                state.buffered -= chunk.recordCount();
                roomAgain = wasFull && !isFull(state);
            }
        }
        chunk.release();
        if (roomAgain) {
            madeRoom();
        }
    }

    @Override
    public long highWatermark(TopicPartition partition) {
        synchronized (lock) {
            S state = partitions.get(partition);
            return state == null ? -1 : state.highWatermark;
        }
    }

    /** Queues a chunk fetched for {@code state}, counting its records as waiting; under the lock. */
    protected final void enqueue(S state, RecordChunk chunk) {
        state.buffered += chunk.recordCount();
        ready.add(chunk);
    }

    /** Whether the partition has {@code queuedMaxMessages} records or more waiting; under the lock. */
    protected final boolean isFull(S state) {
        return state.buffered >= config.queuedMaxMessages();
    }

    /** Frees every queued chunk. */
    protected final void releaseQueued() {
        RecordChunk chunk;
        while ((chunk = ready.poll()) != null) {
            chunk.release();
        }
    }

    private S currentState(RecordChunk chunk) {
        S state = partitions.get(chunk.partition());
        return state != null && state.generation == chunk.generation() ? state : null;
    }

    /** What every source knows of a held partition; guarded by the source's lock. */
    public static class Prefetch {

        long generation;
        int buffered;
        long highWatermark = -1;

        protected Prefetch(long generation) {
            this.generation = generation;
        }

        /** The generation of the partition's current position. */
        public final long generation() {
            return generation;
        }

        /** The partition's high watermark from the latest fetch, or -1 before the first. */
        public final long highWatermark() {
            return highWatermark;
        }

        /** Notes the high watermark a fetch reported. */
        public final void highWatermark(long latest) {
            highWatermark = latest;
        }
    }
}

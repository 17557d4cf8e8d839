package dev.gregor.spring.listener.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a container's records in parallel across keys and in offset order within each key of a partition (records
 * with a null key form one lane per partition), at most {@code parallelism} records in flight: taken and not
 * finished, queued ones included. Each record goes through the {@link RecordDispatcher} (retries, backoff,
 * dead-letter), so a retry holds only its key's lane. Per partition a {@link PartitionWatermark} says what may be
 * committed. A revocation (or the container stopping) drops the records of its partitions not started yet, waits
 * (bounded) for those running, and answers the watermarks. A record that can be neither processed nor dead-lettered
 * stops its lane and is kept as the {@link #failure()}, for the container to stop on.
 */
final class KeyOrderedDispatcher {

    private static final Logger log = LoggerFactory.getLogger(KeyOrderedDispatcher.class);

    /** Told of each record finished, on the worker that ran it. */
    @FunctionalInterface
    interface Outcome {
        void handled(Message message, boolean deadLettered);
    }

    private final String containerId;
    private final RecordDispatcher records;
    private final int parallelism;
    private final BooleanSupplier stopping;
    private final Outcome outcome;
    private final ExecutorService workers;
    private final int refill;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition roomy = lock.newCondition();
    private final Map<LaneKey, Lane> lanes = new HashMap<>();
    private final Map<TopicPartition, PartitionWatermark> watermarks = new HashMap<>();
    private int inFlight;
    private volatile @Nullable ListenerFailedException failure;

    KeyOrderedDispatcher(String containerId, RecordDispatcher records, int parallelism, BooleanSupplier stopping,
                         Outcome outcome) {
        this.containerId = containerId;
        this.records = records;
        this.parallelism = parallelism;
        this.refill = Math.max(1, parallelism / 8);
        this.stopping = stopping;
        this.outcome = outcome;
        this.workers = ListenerWorkers.of(containerId, parallelism);
    }

    /**
     * Waits at most {@code timeout} for room for an eighth of the parallelism (so that the container's thread wakes
     * once per several records finished, not for each), and returns how many records may be taken now (0 if none, or
     * if a record failed for good). Only the container's thread adds records, so the room does not shrink until it
     * does.
     */
    int awaitRoom(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (parallelism - inFlight < refill && failure == null && !stopping.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                roomy.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            return failure == null && inFlight < parallelism ? parallelism - inFlight : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code taken} (in the order consumed) behind their keys, starting a worker for each idle lane. */
    void submit(List<Message> taken) {
        List<Lane> idle = new ArrayList<>();
        lock.lock();
        try {
            for (Message message : taken) {
                TopicPartition partition = AcknowledgedOffsets.partitionOf(message);
                PartitionWatermark watermark = watermarks.computeIfAbsent(partition, p -> new PartitionWatermark());
                watermark.taken(message.offset());
                inFlight++;
                byte[] key = message.partitionKey();
                LaneKey laneKey = new LaneKey(partition, key == null ? null : ByteBuffer.wrap(key));
                Lane lane = lanes.computeIfAbsent(laneKey, Lane::new);
                lane.queued.add(new Entry(message, watermark));
                if (!lane.active) {
                    lane.active = true;
                    idle.add(lane);
                }
            }
        } finally {
            lock.unlock();
        }
        idle.forEach(lane -> workers.execute(() -> run(lane)));
    }

    /** The records of one lane, one after the other, until it is empty (or a record fails for good). */
    private void run(Lane lane) {
        while (true) {
            Entry entry;
            lock.lock();
            try {
                if (failure != null) {
                    return;
                }
                entry = lane.queued.poll();
                if (entry == null) {
                    lane.active = false;
                    lanes.remove(lane.key);
                    return;
                }
                lane.running = entry;
            } finally {
                lock.unlock();
            }
            boolean finished = false;
            boolean deadLettered = false;
            try {
                deadLettered = records.dispatch(entry.message, null,
                        () -> stopping.getAsBoolean() || entry.watermark.revoked());
                finished = true;
            } catch (RuntimeException e) {
                if (!stopping.getAsBoolean() && !entry.watermark.revoked()) {
                    failure = e instanceof ListenerFailedException failed ? failed : new ListenerFailedException(
                            "Could not process or dead-letter " + RecordDispatcher.describe(entry.message), e);
                }
            }
            if (finished) {
                outcome.handled(entry.message, deadLettered);
            }
            lock.lock();
            try {
                lane.running = null;
                if (finished) {
                    entry.watermark.finished(entry.message.offset());
                }
                inFlight--;
                if (parallelism - inFlight == refill) {
                    roomy.signal();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The first record that could be neither processed nor dead-lettered, or null. */
    @Nullable ListenerFailedException failure() {
        return failure;
    }

    /** Per partition held, the watermark where it is past the last commit. */
    Map<TopicPartition, Long> uncommitted() {
        Map<TopicPartition, Long> offsets = new TreeMap<>();
        lock.lock();
        try {
            watermarks.forEach((partition, watermark) -> {
                long offset = watermark.uncommitted();
                if (offset >= 0) {
                    offsets.put(partition, offset);
                }
            });
        } finally {
            lock.unlock();
        }
        return offsets;
    }

    /** These offsets were committed. */
    void committed(Map<TopicPartition, Long> offsets) {
        lock.lock();
        try {
            offsets.forEach((partition, offset) -> {
                PartitionWatermark watermark = watermarks.get(partition);
                if (watermark != null) {
                    watermark.committed(offset);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets go of {@code partitions}: drops their records not started, waits at most {@code timeout} for those running,
     * and returns per partition the watermark to commit (left out when nothing new is to be committed). A record still
     * running when the wait runs out holds the watermark at its offset (a WARN says so); it is not counted as
     * processed even if it finishes later.
     */
    Map<TopicPartition, Long> revoke(Collection<TopicPartition> partitions, Duration timeout, String bound) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> offsets = new TreeMap<>();
        lock.lock();
        try {
            Map<TopicPartition, PartitionWatermark> leaving = new HashMap<>();
            for (TopicPartition partition : partitions) {
                PartitionWatermark watermark = watermarks.remove(partition);
                if (watermark != null) {
                    watermark.revoke();
                    leaving.put(partition, watermark);
                }
            }
            if (leaving.isEmpty()) {
                return offsets;
            }
            for (Lane lane : lanes.values()) {
                for (Iterator<Entry> queued = lane.queued.iterator(); queued.hasNext(); ) {
                    if (queued.next().watermark.revoked()) {
                        queued.remove();
                        inFlight--;
                    }
                }
            }
            roomy.signal();
            List<Entry> running = runningOf(leaving.values());
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    running.forEach(entry -> log.warn("Listener container {}: {} was still in the listener when its"
                            + " partition was let go and {} ({}) ran out; committed up to it, so it is processed again",
                            containerId, RecordDispatcher.describe(entry.message), bound, timeout));
                    break;
                }
                changed.awaitNanos(left);
                running = runningOf(leaving.values());
            }
            leaving.forEach((partition, watermark) -> {
                long offset = watermark.uncommitted();
                if (offset >= 0) {
                    offsets.put(partition, offset);
                }
            });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return offsets;
        } finally {
            lock.unlock();
        }
    }

    /** Lets go of every partition (see {@link #revoke}). */
    Map<TopicPartition, Long> revokeAll(Duration timeout, String bound) {
        Set<TopicPartition> all;
        lock.lock();
        try {
            all = Set.copyOf(watermarks.keySet());
        } finally {
            lock.unlock();
        }
        return revoke(all, timeout, bound);
    }

    /** Ends the workers once they are idle; a record still running finishes on its own. */
    void shutdown() {
        workers.shutdown();
    }

    private List<Entry> runningOf(Collection<PartitionWatermark> leaving) {
        List<Entry> running = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            Entry entry = lane.running;
            if (entry != null && leaving.contains(entry.watermark)) {
                running.add(entry);
            }
        }
        return running;
    }

    /** A partition and a key (null: the records without one), compared by the key's bytes. */
    private record LaneKey(TopicPartition partition, @Nullable ByteBuffer key) {
    }

    /** A record with the watermark of the partition it was taken from. */
    private record Entry(Message message, PartitionWatermark watermark) {
    }

    /** The records of one key waiting to run, and the one running; active while a worker owns the lane. */
    private static final class Lane {
        final LaneKey key;
        final ArrayDeque<Entry> queued = new ArrayDeque<>();
        @Nullable Entry running;
        boolean active;

        Lane(LaneKey key) {
            this.key = key;
        }
    }
}

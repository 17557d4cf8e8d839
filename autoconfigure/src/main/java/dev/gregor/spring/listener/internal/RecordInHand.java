package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The record a container's thread took from its consumer and has not finished with, for the revocation of its
 * partition (on the group's thread) to wait for. Taking a record and noting it happen under one lock, so a
 * revocation never misses a record that was handed out but not yet noted; the lock is fair, so a waiting revocation
 * is not overtaken by the next take.
 */
final class RecordInHand {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition finished = lock.newCondition();
    private volatile @Nullable Message current;

    /** The record {@code consume} returns (or null), noted as in hand until {@link #finish()}. */
    @Nullable Message take(Supplier<@Nullable Message> consume) {
        lock.lock();
        try {
            current = consume.get();
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** The record in hand is processed, dead-lettered or given up (rewound). */
    void finish() {
        lock.lock();
        try {
            current = null;
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until no record of {@code partitions} is in hand; returns empty if so, else the
     * partition and offset of the record still in hand (the first one not processed).
     */
    Map<TopicPartition, Long> awaitOutside(Set<TopicPartition> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                // the thread is still inside consume(), which hands out no record of a revoked partition
                return Map.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unprocessedOf(partitions);
        }
        try {
            while (!unprocessedOf(partitions).isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                finished.awaitNanos(left);
            }
            return unprocessedOf(partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unprocessedOf(partitions);
        } finally {
            lock.unlock();
        }
    }

    private Map<TopicPartition, Long> unprocessedOf(Set<TopicPartition> partitions) {
        Message message = current;
        if (message == null) {
            return Map.of();
        }
        TopicPartition partition = TopicPartition.of(message.topic(), message.partitionId());
        return partitions.contains(partition) ? Map.of(partition, message.offset()) : Map.of();
    }
}

package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.gregor.Message;
import dev.gregor.TopicPartition;

/**
 * The records a container's thread took from its consumer (one record, or a batch) and has not finished with, for
 * the revocation of their partitions (on the group's thread) to wait for. Taking records and noting them happen
 * under one lock, so a revocation never misses records that were handed out but not yet noted; the lock is fair, so
 * a waiting revocation is not overtaken by the next take.
 */
final class RecordsInHand {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private List<Message> current = List.of();
    private final Set<Message> handled = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The records {@code consume} returns (maybe none), noted as in hand until {@link #finish()}. */
    List<Message> take(Supplier<List<Message>> consume) {
        lock.lock();
        try {
            current = consume.get();
            handled.clear();
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** {@code message}, one of those in hand, is processed or dead-lettered. */
    void handled(Message message) {
        lock.lock();
        try {
            handled.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The records in hand are done with: processed, dead-lettered or given up (rewound). */
    void finish() {
        lock.lock();
        try {
            current = List.of();
            handled.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until every record of {@code partitions} in hand is handled; returns empty if so,
     * else per partition the offset of the first record still not handled.
     */
    Map<TopicPartition, Long> awaitHandled(Set<TopicPartition> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                // the thread is still inside consume(), which hands out no record of a revoked partition
                return Map.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock.lock();
            try {
                return unhandledOf(partitions);
            } finally {
                lock.unlock();
            }
        }
        try {
            while (!unhandledOf(partitions).isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return unhandledOf(partitions);
        } finally {
            lock.unlock();
        }
    }

    private Map<TopicPartition, Long> unhandledOf(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> first = new TreeMap<>();
        for (Message message : current) {
            TopicPartition partition = AcknowledgedOffsets.partitionOf(message);
            if (partitions.contains(partition) && !handled.contains(message)) {
                first.merge(partition, message.offset(), Math::min);
            }
        }
        return first;
    }
}

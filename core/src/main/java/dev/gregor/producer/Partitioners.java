package dev.gregor.producer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.internal.partition.Murmur2;

/** The built-in {@link Partitioner}s. */
public final class Partitioners {

    private Partitioners() {
    }

    /**
     * Keyed records by key hash, exactly where {@code kafka-clients}' default partitioner puts them (so mixed fleets
     * agree), unkeyed records sticky (filling one partition's batch at a time, for bigger batches). The default.
     */
    public static Partitioner defaultPartitioner() {
        Partitioner hashing = hashing();
        Partitioner sticky = sticky();
        return new Partitioner() {
            @Override
            public int partition(String topic, byte[] key, int partitionCount) {
                return key != null ? hashing.partition(topic, key, partitionCount) : sticky.partition(topic, null, partitionCount);
            }

            @Override
            public void batchFull(String topic, int partition) {
                sticky.batchFull(topic, partition);
            }
        };
    }

    /** A uniformly random partition per record, ignoring keys (PyKafka's default). */
    public static Partitioner random() {
        return (topic, key, partitionCount) -> ThreadLocalRandom.current().nextInt(partitionCount);
    }

    /** Partitions in turn, one record each, ignoring keys. */
    public static Partitioner roundRobin() {
        AtomicInteger next = new AtomicInteger();
        return (topic, key, partitionCount) -> Math.floorMod(next.getAndIncrement(), partitionCount);
    }

    /**
     * The murmur2 hash of the key modulo the partition count, as {@code kafka-clients} computes it; records without
     * a key are refused with a clear error.
     */
    public static Partitioner hashing() {
        return (topic, key, partitionCount) -> {
            if (key == null) {
                throw new IllegalArgumentException("The hashing partitioner needs a partition key, and a record for topic '"
                        + topic + "' has none: give every record a key, or use Partitioners.defaultPartitioner()");
            }
            return Murmur2.partition(key, partitionCount);
        };
    }

    /** One random partition until its batch is full, then another: fewer, fuller batches for unkeyed records. */
    public static Partitioner sticky() {
        return new Sticky();
    }

    private static final class Sticky implements Partitioner {

        private static final int NONE = -1;

        /** Each topic's current partition, or {@link #NONE} until one is picked. */
        private final Map<String, AtomicInteger> current = new ConcurrentHashMap<>();

        @Override
        public int partition(String topic, byte[] key, int partitionCount) {
            AtomicInteger slot = current.get(topic);
            if (slot == null) {
                slot = current.computeIfAbsent(topic, name -> new AtomicInteger(NONE));
            }
            int chosen = slot.get();
            if (chosen != NONE && chosen < partitionCount) {
                return chosen;
            }
            int picked = ThreadLocalRandom.current().nextInt(partitionCount);
            // A thread that raced this one may have picked first: all of them go on with the one that won.
            return slot.compareAndSet(chosen, picked) ? picked : partition(topic, key, partitionCount);
        }

        @Override
        public void batchFull(String topic, int partition) {
            AtomicInteger slot = current.get(topic);
            if (slot != null) {
                slot.compareAndSet(partition, NONE);
            }
        }
    }
}

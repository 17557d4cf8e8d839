package dev.gregor.reliability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a producer under test was told: the records acknowledged (with the partition and offset the broker gave) and
 * how many sends failed. Safe to fill from delivery callbacks on any thread.
 */
public final class Acknowledgements {

    private final Map<RecordId, StoredRecord> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final ProgressGaps gaps = new ProgressGaps();

    /** Records that {@code id} was acknowledged at {@code partition}/{@code offset}. */
    public void acknowledged(RecordId id, int partition, long offset) {
        StoredRecord earlier = acknowledged.putIfAbsent(id, new StoredRecord(partition, offset, id));
        if (earlier != null) {
            throw new IllegalStateException("Record " + id + " was acknowledged twice: at " + earlier.partition()
                    + "/" + earlier.offset() + " and at " + partition + "/" + offset);
        }
        gaps.progress(partition);
    }

    /** Records that a send failed (the producer gave up on it and said so). */
    public void failed() {
        failed.incrementAndGet();
    }

    /** The acknowledged records by id. */
    public Map<RecordId, StoredRecord> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** How many records were acknowledged. */
    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** How many sends failed. */
    public long failedCount() {
        return failed.get();
    }

    /** The longest time, in milliseconds, any partition went without an acknowledgement while the run went on. */
    public long longestStallMillis() {
        return gaps.longestGapMillis();
    }
}

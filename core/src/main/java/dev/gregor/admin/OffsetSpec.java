package dev.gregor.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * Which offset of a partition to look up: the earliest, the latest (log end), the one of the record with the greatest
 * timestamp, or the first whose timestamp is at or after a time.
 */
public final class OffsetSpec {

    private static final long EARLIEST_CODE = -2;
    private static final long LATEST_CODE = -1;
    private static final long MAX_TIMESTAMP_CODE = -3;

    private static final OffsetSpec EARLIEST = new OffsetSpec(EARLIEST_CODE);
    private static final OffsetSpec LATEST = new OffsetSpec(LATEST_CODE);
    private static final OffsetSpec MAX_TIMESTAMP = new OffsetSpec(MAX_TIMESTAMP_CODE);

    private final long timestamp;

    private OffsetSpec(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The first offset the partition still holds. */
    public static OffsetSpec earliest() {
        return EARLIEST;
    }

    /** The log end offset: the offset the next record will get. */
    public static OffsetSpec latest() {
        return LATEST;
    }

    /** The offset of the record with the greatest timestamp. */
    public static OffsetSpec maxTimestamp() {
        return MAX_TIMESTAMP;
    }

    /** The first offset whose record's timestamp is at or after {@code time} (the log end if there is none). */
    public static OffsetSpec atTime(Instant time) {
        Objects.requireNonNull(time, "time");
        return new OffsetSpec(Math.max(0, time.toEpochMilli()));
    }

    /** The timestamp to ask ListOffsets for: epoch milliseconds, or Kafka's negative codes for the special offsets. */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OffsetSpec spec && spec.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return timestamp == EARLIEST_CODE ? "earliest" : timestamp == LATEST_CODE ? "latest"
                : timestamp == MAX_TIMESTAMP_CODE ? "max-timestamp" : Instant.ofEpochMilli(timestamp).toString();
    }
}

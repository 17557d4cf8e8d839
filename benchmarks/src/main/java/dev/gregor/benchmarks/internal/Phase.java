package dev.gregor.benchmarks.internal;

import java.time.Duration;

/**
 * When a warm-up or a measured span ends: after a number of records ({@code --quick}), or once a time has passed
 * (the default, steady state). A timed phase starts when it is made and reads the clock every 256 records.
 */
public final class Phase {

    private static final int CLOCK_EVERY = 256;

    private final long records;
    private final long deadlineNanos;

    private Phase(long records, long deadlineNanos) {
        this.records = records;
        this.deadlineNanos = deadlineNanos;
    }

    /** A phase of exactly {@code records} records. */
    public static Phase ofRecords(long records) {
        return new Phase(records, Long.MAX_VALUE);
    }

    /** A phase that lasts {@code length} from now (then up to 255 records more, to the next clock reading). */
    public static Phase ofTime(Duration length) {
        return new Phase(Long.MAX_VALUE, System.nanoTime() + length.toNanos());
    }

    /** Whether the phase has ended after {@code done} records, reading the clock now. */
    public boolean endedAfter(long done) {
        return done >= records || System.nanoTime() >= deadlineNanos;
    }

    /** Records left after {@code done} ({@link Long#MAX_VALUE} less {@code done} for a timed phase). */
    public long remaining(long done) {
        return records - done;
    }

    /** Whether the phase goes on after {@code done} records; cheap enough to ask after every record. */
    public boolean goesOn(long done) {
        if (done >= records) {
            return false;
        }
        return deadlineNanos == Long.MAX_VALUE || done % CLOCK_EVERY != 0 || System.nanoTime() < deadlineNanos;
    }
}

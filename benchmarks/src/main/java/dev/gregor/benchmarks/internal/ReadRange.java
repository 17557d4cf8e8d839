package dev.gregor.benchmarks.internal;

import java.time.Duration;

/**
 * A consumer's passes over the pre-filled records: counts what it read of the current pass and, the pass complete,
 * has the consumer start again from the beginning; checks at the end that every value read had the scenario's size.
 * Re-reading lets a run last as long as its span without pre-filling what the fastest client reads in it (tens of
 * millions of records); the broker serves the passes after the first from its page cache, as it serves any recent data.
 */
final class ReadRange {

    /**
     * The fetch wait of reading runs: at the end of a pass a client's fetch waits for data that will not come, and its
     * rewind is served only after that wait (kafka-clients' default, 500 ms, cost it a tenth of a 5 s pass); with
     * data at hand the broker answers at once, so a short wait changes nothing else.
     */
    static final Duration FETCH_MAX_WAIT = Duration.ofMillis(10);

    private final long prefilled;
    private final int valueSize;
    private final Runnable rewind;
    private long inPass;
    private long read;
    private long bytes;

    ReadRange(long prefilled, int valueSize, Runnable rewind) {
        this.prefilled = prefilled;
        this.valueSize = valueSize;
        this.rewind = rewind;
    }

    /** Counts one record of {@code valueLength} bytes, and rewinds the consumer if that completed a pass. */
    void read(int valueLength) {
        read++;
        bytes += valueLength;
        if (++inPass == prefilled) {
            inPass = 0;
            rewind.run();
        }
    }

    /** {@code result}, if every value read had the scenario's size; fails otherwise. */
    Result check(Result result) {
        if (bytes != read * valueSize) {
            throw new IllegalStateException("Read " + read + " values of " + bytes + " bytes in all, expected "
                    + valueSize + " bytes each");
        }
        return result;
    }
}

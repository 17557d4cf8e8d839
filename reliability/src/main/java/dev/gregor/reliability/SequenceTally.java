package dev.gregor.reliability;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Which sequence numbers of each writer were seen, and how many were seen again: a compact consumption log for
 * long runs (one bit per record, not an object). Thread-safe.
 */
public final class SequenceTally {

    private final Map<Long, BitSet> seen = new HashMap<>();
    private long records;
    private long repeats;

    /** Notes that {@code id} was seen once more. */
    public synchronized void see(RecordId id) {
        if (id.sequence() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Sequence " + id.sequence() + " is beyond what a tally holds");
        }
        BitSet bits = seen.computeIfAbsent(id.writer(), writer -> new BitSet());
        int bit = (int) id.sequence();
        if (bits.get(bit)) {
            repeats++;
        } else {
            bits.set(bit);
            records++;
        }
    }

    /** Whether {@code id} was seen. */
    public synchronized boolean saw(RecordId id) {
        BitSet bits = seen.get(id.writer());
        return bits != null && id.sequence() <= Integer.MAX_VALUE && bits.get((int) id.sequence());
    }

    /** How many records this tally saw that {@code other} did not. */
    public long countMissingFrom(SequenceTally other) {
        Map<Long, BitSet> mine = snapshot();
        Map<Long, BitSet> theirs = other.snapshot();
        long missing = 0;
        for (Map.Entry<Long, BitSet> writer : mine.entrySet()) {
            BitSet absent = (BitSet) writer.getValue().clone();
            BitSet present = theirs.get(writer.getKey());
            if (present != null) {
                absent.andNot(present);
            }
            missing += absent.cardinality();
        }
        return missing;
    }

    /** How many distinct records were seen. */
    public synchronized long records() {
        return records;
    }

    private synchronized Map<Long, BitSet> snapshot() {
        Map<Long, BitSet> copy = new HashMap<>();
        seen.forEach((writer, bits) -> copy.put(writer, (BitSet) bits.clone()));
        return copy;
    }

    /** How many times a record already seen was seen again. */
    public synchronized long repeats() {
        return repeats;
    }
}

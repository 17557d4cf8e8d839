package dev.gregor.reliability;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what a consumer under test read with what the brokers hold (read back from outside):
 * <ul>
 * <li>{@code skipped}: in the log, never consumed;</li>
 * <li>{@code duplicated}: consumed more than once (the same partition and offset again);</li>
 * <li>{@code reordered}: consumed at an offset not above the previous one of its partition;</li>
 * <li>{@code mismatched}: consumed at a partition/offset whose record in the log is another one (or none).</li>
 * </ul>
 *
 * @param stored     how many records the log holds
 * @param consumed   how many records the consumer returned
 * @param skipped    records of the log never consumed
 * @param duplicated records consumed again
 * @param reordered  records consumed at an offset not above the previous one of their partition
 * @param mismatched records consumed that the log holds otherwise
 */
public record ConsumeAudit(int stored, int consumed, int skipped, int duplicated, int reordered, int mismatched) {

    /** Audits {@code consumed} (in the order the consumer returned it) against {@code log}. */
    public static ConsumeAudit of(List<StoredRecord> consumed, List<StoredRecord> log) {
        Map<Long, RecordId> stored = new HashMap<>();
        for (StoredRecord record : log) {
            stored.put(position(record), record.id());
        }
        Set<Long> seen = new HashSet<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        int duplicated = 0;
        int reordered = 0;
        int mismatched = 0;
        for (StoredRecord record : consumed) {
            if (!seen.add(position(record))) {
                duplicated++;
            }
            Long previous = lastOffset.put(record.partition(), record.offset());
            if (previous != null && previous >= record.offset()) {
                reordered++;
            }
            if (!record.id().equals(stored.get(position(record)))) {
                mismatched++;
            }
        }
        int skipped = 0;
        for (Long position : stored.keySet()) {
            if (!seen.contains(position)) {
                skipped++;
            }
        }
        return new ConsumeAudit(log.size(), consumed.size(), skipped, duplicated, reordered, mismatched);
    }

    /** Whether the consumer read every record of the log once, in order. */
    public boolean clean() {
        return skipped == 0 && duplicated == 0 && reordered == 0 && mismatched == 0;
    }

    private static long position(StoredRecord record) {
        return ((long) record.partition() << 48) ^ record.offset();
    }
}

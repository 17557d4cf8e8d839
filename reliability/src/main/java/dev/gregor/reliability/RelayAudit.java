package dev.gregor.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the topic a pipeline stage wrote with the topic it read, by the ids the records carry (each stage keeps
 * its input's id), when the stage writes every record of partition p on to partition p:
 * <ul>
 * <li>{@code lost}: in the source, never written on;</li>
 * <li>{@code duplicated}: extra copies in the output (one id at more than one offset);</li>
 * <li>{@code reordered}: places where an output partition holds two records in another order than the source
 * partition did;</li>
 * <li>{@code misrouted}: written to another partition than the one they were read from;</li>
 * <li>{@code foreign}: in the output, but in no source record.</li>
 * </ul>
 *
 * @param source     records in the source topic
 * @param relayed    records in the output topic
 * @param lost       source records missing from the output
 * @param duplicated extra copies in the output
 * @param reordered  output neighbours in another order than in the source
 * @param misrouted  output records in another partition than their source
 * @param foreign    output records no source record explains
 */
public record RelayAudit(int source, int relayed, int lost, int duplicated, int reordered, int misrouted,
                         int foreign) {

    /** Audits {@code output} (every record of the stage's output topic) against {@code input} (its source). */
    public static RelayAudit of(List<StoredRecord> input, List<StoredRecord> output) {
        Map<RecordId, StoredRecord> sourceOf = new HashMap<>();
        input.forEach(record -> sourceOf.put(record.id(), record));
        Map<RecordId, Integer> copies = new HashMap<>();
        Map<Integer, Long> lastSourceOffset = new HashMap<>();
        int reordered = 0;
        int misrouted = 0;
        int foreign = 0;
        for (StoredRecord record : output) {
            copies.merge(record.id(), 1, Integer::sum);
            StoredRecord origin = sourceOf.get(record.id());
            if (origin == null) {
                foreign++;
                continue;
            }
            if (origin.partition() != record.partition()) {
                misrouted++;
            }
            Long previous = lastSourceOffset.put(record.partition(), origin.offset());
            if (previous != null && previous >= origin.offset()) {
                reordered++;
            }
        }
        int lost = 0;
        for (RecordId id : sourceOf.keySet()) {
            if (!copies.containsKey(id)) {
                lost++;
            }
        }
        int duplicated = copies.values().stream().mapToInt(count -> count - 1).sum();
        return new RelayAudit(input.size(), output.size(), lost, duplicated, reordered, misrouted, foreign);
    }

    /** Whether the output holds every source record once, in its source partition and order, and nothing else. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && reordered == 0 && misrouted == 0 && foreign == 0;
    }
}

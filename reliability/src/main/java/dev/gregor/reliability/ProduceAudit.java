package dev.gregor.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a producer was told with what the brokers hold (Jepsen's counts for a queue):
 * <ul>
 * <li>{@code lost}: acknowledged, but not in the log;</li>
 * <li>{@code duplicated}: extra copies of one record in the log (the same id at more than one offset);</li>
 * <li>{@code reordered}: places where a writer's records stand in a partition in another order than it sent them;</li>
 * <li>{@code misplaced}: acknowledged at a partition/offset that holds another record;</li>
 * <li>{@code unacknowledgedStored}: in the log although the producer reported the send failed or never heard back
 * (allowed: a write can succeed after its answer is lost), counted for the record.</li>
 * </ul>
 *
 * @param acknowledged         how many records were acknowledged
 * @param stored               how many records the log holds
 * @param lost                 acknowledged records missing from the log
 * @param duplicated           extra copies in the log
 * @param reordered            out-of-order neighbours per writer and partition
 * @param misplaced            acknowledgements that point at another record
 * @param unacknowledgedStored records in the log never acknowledged
 */
public record ProduceAudit(int acknowledged, int stored, int lost, int duplicated, int reordered, int misplaced,
                           int unacknowledgedStored) {

    /** Audits {@code log} (every record of the topic) against {@code acks}. */
    public static ProduceAudit of(Acknowledgements acks, List<StoredRecord> log) {
        Map<RecordId, StoredRecord> acknowledged = acks.acknowledged();
        Map<RecordId, Integer> copies = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        Map<Long, StoredRecord> byPosition = new HashMap<>();
        int reordered = 0;
        for (StoredRecord record : log) {
            copies.merge(record.id(), 1, Integer::sum);
            byPosition.put(position(record.partition(), record.offset()), record);
            String stream = record.partition() + ":" + record.id().writer();
            Long previous = lastSequence.put(stream, record.id().sequence());
            if (previous != null && previous >= record.id().sequence()) {
                reordered++;
            }
        }
        int lost = 0;
        int misplaced = 0;
        for (StoredRecord ack : acknowledged.values()) {
            if (!copies.containsKey(ack.id())) {
                lost++;
                continue;
            }
            StoredRecord there = byPosition.get(position(ack.partition(), ack.offset()));
            if (there == null || !there.id().equals(ack.id())) {
                misplaced++;
            }
        }
        int duplicated = 0;
        int unacknowledgedStored = 0;
        for (Map.Entry<RecordId, Integer> entry : copies.entrySet()) {
            duplicated += entry.getValue() - 1;
            if (!acknowledged.containsKey(entry.getKey())) {
                unacknowledgedStored++;
            }
        }
        return new ProduceAudit(acknowledged.size(), log.size(), lost, duplicated, reordered, misplaced,
                unacknowledgedStored);
    }

    /** Whether nothing acknowledged was lost, duplicated, reordered or misplaced. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && reordered == 0 && misplaced == 0;
    }

    private static long position(int partition, long offset) {
        return ((long) partition << 48) ^ offset;
    }
}

package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what a group's members were handed with what the topic holds:
 * <ul>
 * <li>{@code lost}: records in the topic no member was handed;</li>
 * <li>{@code duplicated}: extra deliveries of one record (its partition and offset handed out more than once);</li>
 * <li>{@code explainedDuplicates}: those whose earlier delivery went to a member killed (SIGKILL) before its
 * commit covered it, at or after the last offset committed for that member: the window at-least-once allows;</li>
 * <li>{@code unexplainedDuplicates}: the rest, which the group should never produce;</li>
 * <li>{@code misdelivered}: deliveries whose partition and offset hold another record in the topic, or none;</li>
 * <li>{@code reordered}: places where one member was handed a partition's records in other than offset order.</li>
 * </ul>
 *
 * @param stored                records in the topic
 * @param delivered             deliveries to all members together
 * @param lost                  stored records never delivered
 * @param duplicated            extra deliveries
 * @param explainedDuplicates   extra deliveries within a killed member's uncommitted window
 * @param unexplainedDuplicates extra deliveries outside any such window
 * @param misdelivered          deliveries that do not match the topic
 * @param reordered             deliveries to a member at or below the offset it was handed before in that partition
 */
public record ConsumptionAudit(int stored, int delivered, int lost, int duplicated, int explainedDuplicates,
                               int unexplainedDuplicates, int misdelivered, int reordered) {

    /**
     * Audits the deliveries in {@code reports} against {@code log} (every record of the topic); {@code killed} names
     * the members that were ended with SIGKILL.
     */
    public static ConsumptionAudit of(List<StoredRecord> log, Collection<MemberReport> reports, Set<String> killed) {
        Map<Long, StoredRecord> byPosition = new HashMap<>();
        log.forEach(record -> byPosition.put(position(record.partition(), record.offset()), record));
        Map<String, Map<Integer, Long>> lastCommitted = new HashMap<>();
        Map<Long, List<Delivery>> deliveriesByPosition = new HashMap<>();
        int delivered = 0;
        int misdelivered = 0;
        int reordered = 0;
        for (MemberReport report : reports) {
            lastCommitted.put(report.member(), report.lastCommitted());
            Map<Integer, Long> lastOffset = new HashMap<>();
            for (Delivery delivery : report.deliveries()) {
                delivered++;
                Long before = lastOffset.put(delivery.partition(), delivery.offset());
                if (before != null && delivery.offset() <= before) {
                    reordered++;
                }
                long position = position(delivery.partition(), delivery.offset());
                StoredRecord there = byPosition.get(position);
                if (there == null || !there.id().equals(delivery.id())) {
                    misdelivered++;
                }
                deliveriesByPosition.computeIfAbsent(position, ignored -> new ArrayList<>()).add(delivery);
            }
        }
        int lost = 0;
        for (long position : byPosition.keySet()) {
            if (!deliveriesByPosition.containsKey(position)) {
                lost++;
            }
        }
        int duplicated = 0;
        int explained = 0;
        for (List<Delivery> copies : deliveriesByPosition.values()) {
            if (copies.size() < 2) {
                continue;
            }
            copies.sort(Comparator.comparingLong(Delivery::timeMs));
            for (int later = 1; later < copies.size(); later++) {
                duplicated++;
                if (forgottenBefore(copies, later, killed, lastCommitted)) {
                    explained++;
                }
            }
        }
        return new ConsumptionAudit(log.size(), delivered, lost, duplicated, explained, duplicated - explained,
                misdelivered, reordered);
    }

    /** Whether an earlier delivery went to a killed member whose confirmed commits did not reach that offset. */
    private static boolean forgottenBefore(List<Delivery> copies, int later, Set<String> killed,
                                           Map<String, Map<Integer, Long>> lastCommitted) {
        for (int earlier = 0; earlier < later; earlier++) {
            Delivery delivery = copies.get(earlier);
            if (killed.contains(delivery.member())) {
                Long committed = lastCommitted.get(delivery.member()).get(delivery.partition());
                if (committed == null || delivery.offset() >= committed) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether nothing was lost, misdelivered, reordered or duplicated beyond what a killed member's window explains.
     */
    public boolean clean() {
        return lost == 0 && unexplainedDuplicates == 0 && misdelivered == 0 && reordered == 0;
    }

    private static long position(int partition, long offset) {
        return ((long) partition << 48) ^ offset;
    }
}

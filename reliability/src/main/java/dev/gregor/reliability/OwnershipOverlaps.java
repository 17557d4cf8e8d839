package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two live members ever owned one partition at once, from two witnesses: the members' own reports (each
 * assignment opens a partition's ownership, its revocation, the member's death or its stop closes it) and
 * outside samples of the owner nodes. A member reports an assignment only after it holds the partition and a
 * revocation before it lets go, so a correct group never shows an overlap. (Deliveries are no witness here: a
 * record handed out just before a revocation may be reported after it; duplicates are the audit's to count.)
 *
 * @param reportedOverlaps   pairs of members whose reported ownership of one partition overlapped in time
 * @param sampleConflicts    owner-node samples naming one member while another reported owning that partition
 * @param examples           the first few conflicts, in words
 */
public record OwnershipOverlaps(int reportedOverlaps, int sampleConflicts, List<String> examples) {

    private static final int EXAMPLES = 5;

    private record Interval(String member, int partition, long fromMs, long toMs) {
        boolean covers(long timeMs) {
            return timeMs >= fromMs && timeMs < toMs;
        }
    }

    /**
     * Checks {@code reports}; {@code endOfLifeMs} gives, per member, when it was stopped or killed (absent: it
     * ran to the end); {@code samples} are the owner-node samples, whose owners are member ids as each report's
     * {@code started} line names them.
     */
    public static OwnershipOverlaps of(List<MemberReport> reports, Map<String, Long> endOfLifeMs,
                                       List<OwnerNodesWatch.Sample> samples) {
        List<Interval> intervals = new ArrayList<>();
        Map<String, String> nameById = new HashMap<>();
        for (MemberReport report : reports) {
            if (report.memberId() != null) {
                nameById.put(report.memberId(), report.member());
            }
            long end = endOfLifeMs.getOrDefault(report.member(), Long.MAX_VALUE);
            Map<Integer, Long> open = new HashMap<>();
            for (OwnershipChange change : report.ownership()) {
                for (int partition : change.partitions()) {
                    if (change.assigned()) {
                        open.putIfAbsent(partition, change.timeMs());
                    } else {
                        Long from = open.remove(partition);
                        if (from != null) {
                            intervals.add(new Interval(report.member(), partition, from,
                                    Math.min(change.timeMs(), end)));
                        }
                    }
                }
            }
            open.forEach((partition, from) -> intervals.add(new Interval(report.member(), partition, from, end)));
        }
        List<String> examples = new ArrayList<>();
        int overlaps = 0;
        for (int i = 0; i < intervals.size(); i++) {
            for (int j = i + 1; j < intervals.size(); j++) {
                Interval a = intervals.get(i);
                Interval b = intervals.get(j);
                if (a.partition() == b.partition() && !a.member().equals(b.member())
                        && a.fromMs() < b.toMs() && b.fromMs() < a.toMs()) {
                    overlaps++;
                    note(examples, "partition " + a.partition() + " reported by " + a + " and " + b);
                }
            }
        }
        int sampleConflicts = 0;
        for (OwnerNodesWatch.Sample sample : samples) {
            String holder = sample.owner() == null ? null : nameById.get(sample.owner());
            if (holder == null) {
                continue;
            }
            for (Interval interval : intervals) {
                if (interval.partition() == sample.partition() && !interval.member().equals(holder)
                        && interval.covers(sample.timeMs())) {
                    sampleConflicts++;
                    note(examples, "owner node of partition " + sample.partition() + " held by " + holder + " at "
                            + sample.timeMs() + " while " + interval);
                }
            }
        }
        return new OwnershipOverlaps(overlaps, sampleConflicts, List.copyOf(examples));
    }

    private static void note(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }

    /** Whether no witness saw two owners of a partition at once. */
    public boolean none() {
        return reportedOverlaps == 0 && sampleConflicts == 0;
    }
}

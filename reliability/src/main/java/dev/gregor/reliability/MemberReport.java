package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one member process reported, and the line format it reports in (one tab-separated event a line, written by
 * {@link GroupMemberMain}): {@code started}, {@code assigned}, {@code revoked}, {@code consumed}, {@code committed},
 * {@code commit-failed}, {@code stopped}. Built up line by line while the member runs; safe to read from any thread.
 */
public final class MemberReport {

    private final String member;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<CommitObservation> commits = new ArrayList<>();
    private final List<OwnershipChange> ownership = new ArrayList<>();
    private final Set<Integer> owned = new TreeSet<>();
    private String memberId;
    private long commitFailures;
    private boolean stopped;

    /** An empty report of the member named {@code member}. */
    public MemberReport(String member) {
        this.member = member;
    }

    /** The line saying the member joined its group as {@code memberId}. */
    public static String started(long timeMs, String memberId) {
        return "started\t" + timeMs + "\t" + memberId;
    }

    /** The line saying the member was given {@code partitions} (true) or lost them (false). */
    public static String ownership(long timeMs, boolean assigned, Set<Integer> partitions) {
        return (assigned ? "assigned\t" : "revoked\t") + timeMs + "\t"
                + partitions.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The line saying the member was handed a record. */
    public static String consumed(long timeMs, int partition, long offset, RecordId id) {
        return "consumed\t" + timeMs + "\t" + partition + "\t" + offset + "\t" + id.writer() + "\t" + id.sequence();
    }

    /** The line saying the coordinator confirmed a commit of {@code offsets} (partition to next offset). */
    public static String committed(long timeMs, Map<Integer, Long> offsets) {
        return "committed\t" + timeMs + "\t" + offsets.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","));
    }

    /** The line saying a commit failed, and why. */
    public static String commitFailed(long timeMs, String reason) {
        return "commit-failed\t" + timeMs + "\t" + reason.replace('\t', ' ').replace('\n', ' ');
    }

    /** The line saying the member closed its consumer and is about to exit. */
    public static String stopped(long timeMs) {
        return "stopped\t" + timeMs;
    }

    /**
     * Whether the members of {@code reports} together own each of {@code partitions} partitions exactly once and
     * every one of them has been assigned (and has joined), as the reports say.
     */
    public static boolean converged(Collection<MemberReport> reports, int partitions) {
        Set<Integer> owned = new HashSet<>();
        int count = 0;
        for (MemberReport report : reports) {
            if (!report.assignedOnce()) {
                return false;
            }
            Set<Integer> own = report.owned();
            owned.addAll(own);
            count += own.size();
        }
        return count == partitions && owned.size() == partitions;
    }

    /** Takes in one line the member wrote; fails on a line that is not in the format. */
    public synchronized void accept(String line) {
        String[] fields = line.split("\t", -1);
        try {
            long time = Long.parseLong(fields[1]);
            switch (fields[0]) {
                case "started" -> memberId = fields[2];
                case "assigned", "revoked" -> {
                    boolean assigned = fields[0].equals("assigned");
                    Set<Integer> partitions = fields[2].isEmpty() ? Set.of() : Arrays.stream(fields[2].split(","))
                            .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
                    ownership.add(new OwnershipChange(time, assigned, Set.copyOf(partitions)));
                    if (assigned) {
                        owned.addAll(partitions);
                    } else {
                        owned.removeAll(partitions);
                    }
                }
                case "consumed" -> deliveries.add(new Delivery(member, time, Integer.parseInt(fields[2]),
                        Long.parseLong(fields[3]), new RecordId(Long.parseLong(fields[4]), Long.parseLong(fields[5]))));
                case "committed" -> {
                    if (!fields[2].isEmpty()) {
                        for (String entry : fields[2].split(",")) {
                            String[] pair = entry.split("=");
                            commits.add(new CommitObservation(time, Integer.parseInt(pair[0]),
                                    Long.parseLong(pair[1])));
                        }
                    }
                }
                case "commit-failed" -> commitFailures++;
                case "stopped" -> stopped = true;
                default -> throw new IllegalArgumentException("unknown event '" + fields[0] + "'");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Member " + member + " reported a line not in the report format: '"
                    + line + "' (" + e.getMessage() + ")", e);
        }
    }

    /** The member's name. */
    public String member() {
        return member;
    }

    /** The id the group gave the member, or null before it joined. */
    public synchronized String memberId() {
        return memberId;
    }

    /** The records the member was handed, in its order. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many records the member was handed so far. */
    public synchronized int deliveryCount() {
        return deliveries.size();
    }

    /** The commits the coordinator confirmed to the member, in order. */
    public synchronized List<CommitObservation> commits() {
        return List.copyOf(commits);
    }

    /** Per partition, the last offset whose commit was confirmed to the member. */
    public synchronized Map<Integer, Long> lastCommitted() {
        Map<Integer, Long> last = new TreeMap<>();
        commits.forEach(commit -> last.put(commit.partition(), commit.offset()));
        return last;
    }

    /** Every assignment and revocation, in order. */
    public synchronized List<OwnershipChange> ownership() {
        return List.copyOf(ownership);
    }

    /** How many non-empty revocations the member heard of. */
    public synchronized long revocations() {
        return ownership.stream().filter(change -> !change.assigned() && !change.partitions().isEmpty()).count();
    }

    /** The partitions the member owns now, as far as it reported. */
    public synchronized Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** Whether the member has been given partitions at least once (possibly none). */
    public synchronized boolean assignedOnce() {
        return ownership.stream().anyMatch(OwnershipChange::assigned);
    }

    /** How many commits failed. */
    public synchronized long commitFailures() {
        return commitFailures;
    }

    /** Whether the member reported that it closed cleanly. */
    public synchronized boolean stopped() {
        return stopped;
    }
}

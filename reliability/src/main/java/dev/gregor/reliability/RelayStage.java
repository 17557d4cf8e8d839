package dev.gregor.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gregor.consumer.ConsumerConfig;

/**
 * One stage of a chaos pipeline: the {@link RelayMember}s of one group, reading one topic and (but for the last
 * stage) writing it on to the next.
 */
public final class RelayStage implements AutoCloseable {

    private final String group;
    private final List<RelayMember> members = new ArrayList<>();

    private RelayStage(String group) {
        this.group = group;
    }

    /**
     * Starts {@code count} members of group {@code group}, one after the other, reading {@code input} and writing
     * on to {@code output} (null for the last stage), with {@code config}'s group settings.
     */
    public static RelayStage start(String group, int count, String bootstrapServers, String input, String output,
                                   ConsumerConfig config, Duration commitEvery) {
        RelayStage stage = new RelayStage(group);
        ConsumerConfig grouped = config.toBuilder().consumerGroup(group).build();
        try {
            for (int member = 0; member < count; member++) {
                stage.members.add(RelayMember.start(group + "-m" + member, bootstrapServers, input, output, grouped,
                        commitEvery));
            }
        } catch (RuntimeException e) {
            stage.stop();
            throw e;
        }
        return stage;
    }

    /** The group's name. */
    public String group() {
        return group;
    }

    /** The members' reports. */
    public List<MemberReport> reports() {
        return members.stream().map(RelayMember::report).toList();
    }

    /** Whether the members together own each of the input's {@code partitions} partitions once. */
    public boolean converged(int partitions) {
        return MemberReport.converged(reports(), partitions);
    }

    /** How many records the members were handed so far, counting each copy. */
    public long delivered() {
        return reports().stream().mapToLong(MemberReport::deliveryCount).sum();
    }

    /** How many distinct records (by id) the members were handed so far. */
    public int distinctDelivered() {
        Set<RecordId> ids = new HashSet<>();
        reports().forEach(report -> report.deliveries().forEach(delivery -> ids.add(delivery.id())));
        return ids.size();
    }

    /** Revocations of at least one partition any member heard of within {@code [fromMs, toMs)}. */
    public List<OwnershipChange> revocations(long fromMs, long toMs) {
        return reports().stream().flatMap(report -> report.ownership().stream())
                .filter(change -> !change.assigned() && !change.partitions().isEmpty())
                .filter(change -> change.timeMs() >= fromMs && change.timeMs() < toMs).toList();
    }

    /** Whether no member met an error (a failed consume, write on or final commit). */
    public boolean errorFree() {
        return members.stream().allMatch(RelayMember::errorFree);
    }

    /** Each member's errors, in words. */
    public String errors() {
        return members.stream().map(member -> member.report().member() + ": " + member.errors()).toList().toString();
    }

    /** How many commits the coordinator refused or that failed on their way, over all members. */
    public long commitFailures() {
        return reports().stream().mapToLong(MemberReport::commitFailures).sum();
    }

    /** The commits confirmed to the members, together: the members' own witness of the committed offsets. */
    public CommitHistory confirmedCommits() {
        return new CommitHistory(reports().stream().flatMap(report -> report.commits().stream()).toList());
    }

    /** Stops every member in turn: each commits what it consumed and leaves. Safe to call again. */
    public void stop() {
        RuntimeException first = null;
        for (RelayMember member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** As {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}

package dev.gregor.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The member processes of one consumer group under test, by slot ({@code m0}, {@code m1}, ...): each start of a
 * slot is a new process with a new name ({@code m0.1}, {@code m0.2}, ...), so a restarted member's deliveries are
 * told apart from those of the process it replaces.
 */
public final class MemberGroup implements AutoCloseable {

    private final Path directory;
    private final Map<String, String> options;
    private final Map<String, MemberProcess> live = new LinkedHashMap<>();
    private final List<MemberProcess> all = new ArrayList<>();
    private final Map<String, Integer> incarnations = new HashMap<>();

    /** A group whose members run with {@code options} ({@link GroupMemberMain}'s), reporting in {@code directory}. */
    public MemberGroup(Path directory, Map<String, String> options) {
        this.directory = directory;
        this.options = Map.copyOf(options);
    }

    /** Starts a new process in {@code slot} (which must be free), with {@code extra} options over the group's. */
    public synchronized MemberProcess start(String slot, Map<String, String> extra) {
        if (live.containsKey(slot) && live.get(slot).isAlive()) {
            throw new IllegalStateException("Slot " + slot + " already runs " + live.get(slot).name());
        }
        int incarnation = incarnations.merge(slot, 1, Integer::sum);
        Map<String, String> memberOptions = new HashMap<>(options);
        memberOptions.putAll(extra);
        MemberProcess member = MemberProcess.start(slot + "." + incarnation, memberOptions, directory);
        live.put(slot, member);
        all.add(member);
        return member;
    }

    /** Starts a new process in {@code slot} with the group's options. */
    public MemberProcess start(String slot) {
        return start(slot, Map.of());
    }

    /** The process now in {@code slot}. */
    public synchronized MemberProcess member(String slot) {
        MemberProcess member = live.get(slot);
        if (member == null) {
            throw new IllegalArgumentException("No member was started in slot " + slot);
        }
        return member;
    }

    /** The processes still running. */
    public synchronized List<MemberProcess> running() {
        return live.values().stream().filter(MemberProcess::isAlive).toList();
    }

    /** The reports of every process started, running or not. */
    public synchronized List<MemberReport> reports() {
        return all.stream().map(MemberProcess::report).toList();
    }

    /** The names of the processes ended with SIGKILL. */
    public synchronized Set<String> killed() {
        return all.stream().filter(MemberProcess::killed).map(MemberProcess::name).collect(Collectors.toSet());
    }

    /** When each stopped or killed process was told to stop, by name (epoch milliseconds). */
    public synchronized Map<String, Long> stoppedAt() {
        Map<String, Long> stopped = new HashMap<>();
        all.stream().filter(member -> member.stoppedAtMs() >= 0)
                .forEach(member -> stopped.put(member.name(), member.stoppedAtMs()));
        return stopped;
    }

    /**
     * Whether the running members together own each of {@code partitions} partitions exactly once, every one of
     * them has been assigned (and has joined), as their reports say.
     */
    public synchronized boolean converged(int partitions) {
        return MemberReport.converged(running().stream().map(MemberProcess::report).toList(), partitions);
    }

    /** How many records all members were handed so far. */
    public synchronized long delivered() {
        return reports().stream().mapToLong(MemberReport::deliveryCount).sum();
    }

    /** SIGTERMs every running member (all at once) and waits until all have exited. */
    public synchronized void terminateAll() {
        List<MemberProcess> running = running();
        running.forEach(MemberProcess::stopAsync);
        running.forEach(MemberProcess::terminate);
    }

    /** Kills whatever still runs. */
    @Override
    public synchronized void close() {
        all.forEach(MemberProcess::close);
    }
}

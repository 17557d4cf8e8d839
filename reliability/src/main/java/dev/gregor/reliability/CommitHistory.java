package dev.gregor.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed offsets of a group's partitions as they were seen over time, and the places where one went
 * backwards.
 */
public final class CommitHistory {

    private final List<CommitObservation> observations;

    /** A history of {@code observations}, in any order (sorted by time here, stable for equal times). */
    public CommitHistory(List<CommitObservation> observations) {
        List<CommitObservation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingLong(CommitObservation::timeMs));
        this.observations = List.copyOf(sorted);
    }

    /** Every observation, by time. */
    public List<CommitObservation> observations() {
        return observations;
    }

    /** Each time a partition's committed offset was seen lower than the one seen just before it. */
    public List<Regression> regressions() {
        Map<Integer, CommitObservation> previous = new HashMap<>();
        List<Regression> regressions = new ArrayList<>();
        for (CommitObservation observation : observations) {
            CommitObservation before = previous.put(observation.partition(), observation);
            if (before != null && observation.offset() < before.offset()) {
                regressions.add(new Regression(before, observation));
            }
        }
        return regressions;
    }

    /**
     * A committed offset seen going backwards.
     *
     * @param before the higher offset, seen first
     * @param after  the lower one, seen next
     */
    public record Regression(CommitObservation before, CommitObservation after) {

        /** The partition. */
        public int partition() {
            return before.partition();
        }

        @Override
        public String toString() {
            return "partition " + partition() + ": " + before.offset() + " at " + before.timeMs() + " then "
                    + after.offset() + " at " + after.timeMs();
        }
    }
}

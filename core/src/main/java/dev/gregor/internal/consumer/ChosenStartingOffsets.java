package dev.gregor.internal.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.TopicPartition;
import dev.gregor.consumer.RebalanceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the starting offsets a {@link RebalanceListener#startingOffsets} answer chose to the positions partitions
 * would start from: an offset of 0 or more as it is, {@link RebalanceListener#EARLIEST} and
 * {@link RebalanceListener#LATEST} looked up at the partition's leader. An entry for a partition that was not just
 * assigned, or with another negative offset, is left out with a warning: the partition keeps its position.
 */
final class ChosenStartingOffsets {

    private static final Logger log = LoggerFactory.getLogger(ChosenStartingOffsets.class);

    /** Looks up, and waits for, the offsets of partitions at the log's start or end (EARLIEST or LATEST). */
    interface Lookup {
        Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, long timestamp);
    }

    private ChosenStartingOffsets() {
    }

    /** {@code positions} with the offsets of {@code chosen} (null: none) in place of theirs; {@code name} for logs. */
    static Map<TopicPartition, Long> apply(String name, Map<TopicPartition, Long> positions,
                                           Map<TopicPartition, Long> chosen, Lookup lookup) {
        Map<TopicPartition, Long> start = new TreeMap<>(positions);
        if (chosen == null || chosen.isEmpty()) {
            return start;
        }
        Map<TopicPartition, Long> exact = new TreeMap<>();
        List<TopicPartition> toEarliest = new ArrayList<>();
        List<TopicPartition> toLatest = new ArrayList<>();
        chosen.forEach((partition, offset) -> {
            if (partition == null || !positions.containsKey(partition)) {
                log.warn("{}: the rebalance listener chose a starting offset for {}, which was not just assigned;"
                        + " ignored", name, partition);
            } else if (offset != null && offset >= 0) {
                exact.put(partition, offset);
            } else if (offset != null && offset == RebalanceListener.EARLIEST) {
                toEarliest.add(partition);
            } else if (offset != null && offset == RebalanceListener.LATEST) {
                toLatest.add(partition);
            } else {
                log.warn("{}: the rebalance listener chose starting offset {} for {}; it takes an offset of 0 or more,"
                        + " RebalanceListener.EARLIEST or RebalanceListener.LATEST; {} starts at {}", name, offset,
                        partition, partition, positions.get(partition));
            }
        });
        start.putAll(exact);
        if (!toEarliest.isEmpty()) {
            start.putAll(lookup.offsets(toEarliest, RebalanceListener.EARLIEST));
        }
        if (!toLatest.isEmpty()) {
            start.putAll(lookup.offsets(toLatest, RebalanceListener.LATEST));
        }
        return start;
    }
}

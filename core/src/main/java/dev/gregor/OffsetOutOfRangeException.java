package dev.gregor;

import java.util.Collection;
import java.util.stream.Collectors;

import dev.gregor.internal.client.TopicPartitions;

/**
 * A consumer's offset is no longer (or not yet) in the partition's log, and its {@code autoOffsetReset} is NONE,
 * so it will not guess where to continue.
 */
public final class OffsetOutOfRangeException extends KafkaException {

    /** For {@code offset} of {@code topic}/{@code partition}, outside the log's {@code start}..{@code end}. */
    public OffsetOutOfRangeException(String topic, int partition, long offset, String why) {
        super("Offset " + offset + " of topic '" + topic + "' partition " + partition + " is out of range (" + why
                + "). Set autoOffsetReset to EARLIEST or LATEST, or call resetOffsets(...) to choose where to continue.");
    }

    private OffsetOutOfRangeException(String message) {
        super(message);
    }

    /**
     * A consumer was given {@code partitions} (of one topic or several) to read, {@code group} (null if it has none)
     * has no committed offset for them, and there is no reset policy to start from instead.
     */
    public static OffsetOutOfRangeException noCommittedOffset(Collection<TopicPartition> partitions, String group) {
        String where = TopicPartitions.byTopic(partitions).entrySet().stream()
                .map(topic -> "topic '" + topic.getKey() + "' partitions " + topic.getValue().stream().sorted().toList())
                .collect(Collectors.joining(" and "));
        return new OffsetOutOfRangeException(group != null
                ? "Consumer group '" + group + "' has no committed offset for " + where + " and autoOffsetReset is"
                + " NONE, so the consumer will not guess where to start. Set autoOffsetReset to EARLIEST or LATEST, or"
                + " commit starting offsets for the group first (e.g. kafka-consumer-groups.sh --reset-offsets)."
                : "There is no committed offset for " + where + " (the consumer has no consumerGroup) and"
                + " autoOffsetReset is NONE. Set autoOffsetReset to EARLIEST or LATEST, or a consumerGroup that has"
                + " committed offsets.");
    }

    private OffsetOutOfRangeException(OffsetOutOfRangeException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new OffsetOutOfRangeException(this);
    }
}

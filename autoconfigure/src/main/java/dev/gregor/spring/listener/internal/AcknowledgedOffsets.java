package dev.gregor.spring.listener.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.Message;
import dev.gregor.TopicPartition;

/**
 * A container's manual commits: per partition, the offset after the last record acknowledged, which only moves
 * forward, and what of it was not committed yet.
 */
final class AcknowledgedOffsets {

    private final Map<TopicPartition, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    /** {@code message} and every record before it in its partition are processed. */
    void acknowledge(Message message) {
        acknowledged.merge(partitionOf(message), message.offset() + 1, Math::max);
    }

    /**
     * {@code message} was dead-lettered: it counts as acknowledged if every record before it in its partition is
     * (the last acknowledged one is just before it), so that no commit passes an unacknowledged record.
     */
    void deadLettered(Message message) {
        acknowledged.computeIfPresent(partitionOf(message),
                (partition, next) -> next == message.offset() ? next + 1 : next);
    }

    /** The acknowledged offsets of {@code held} partitions not committed yet. */
    Map<TopicPartition, Long> uncommitted(Collection<TopicPartition> held) {
        Map<TopicPartition, Long> pending = new HashMap<>();
        for (TopicPartition partition : held) {
            Long next = acknowledged.get(partition);
            if (next != null && !next.equals(committed.get(partition))) {
                pending.put(partition, next);
            }
        }
        return pending;
    }

    /** {@code offsets} were committed. */
    void committed(Map<TopicPartition, Long> offsets) {
        committed.putAll(offsets);
    }

    static TopicPartition partitionOf(Message message) {
        return TopicPartition.of(message.topic(), message.partitionId());
    }
}

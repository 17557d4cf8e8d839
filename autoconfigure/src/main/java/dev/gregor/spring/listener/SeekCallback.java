package dev.gregor.spring.listener;

import java.util.Collection;

import dev.gregor.TopicPartition;

/**
 * Moves partitions of one listener container, from any thread. A request is queued and the container's own thread
 * applies it before it hands the listener its next record; a record of a moved partition fetched before the move is
 * not handed over. Partitions the container does not hold when it applies a request are left alone (logged at WARN).
 */
public interface SeekCallback {

    /** The next record of {@code partition} is the one at {@code offset}. */
    void seek(TopicPartition partition, long offset);

    /** The partitions go back to the first offset still in their logs. */
    void seekToBeginning(Collection<TopicPartition> partitions);

    /** The partitions skip to their log ends: only records written later reach the listener. */
    void seekToEnd(Collection<TopicPartition> partitions);

    /**
     * The partitions go to their first record with a timestamp at or after {@code epochMillis} (their log end where
     * there is none yet).
     */
    void seekToTimestamp(Collection<TopicPartition> partitions, long epochMillis);
}

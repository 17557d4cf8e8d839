package dev.gregor.spring.listener;

import java.util.Set;

import dev.gregor.TopicPartition;

/**
 * Implemented by a bean with {@link TopicListener} methods that positions partitions itself (spring-kafka's
 * {@code ConsumerSeekAware}). Every container of its listeners has its own {@link SeekCallback}.
 */
public interface SeekAware {

    /**
     * Called on a container's thread each time it starts; keep {@code callback} to move that container's partitions
     * later, from any thread (concurrency {@code n} gives {@code n} callbacks).
     */
    default void registerSeekCallback(SeekCallback callback) {
    }

    /**
     * Partitions given to a container: a simple listener's each time the container starts (on the container's
     * thread), a balanced one's at each assignment (on the group membership's thread). Seeks asked for here take
     * effect before any record of these partitions reaches the listener.
     */
    default void onPartitionsAssigned(Set<TopicPartition> partitions, SeekCallback callback) {
    }
}

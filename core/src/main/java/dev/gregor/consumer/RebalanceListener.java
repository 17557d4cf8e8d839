package dev.gregor.consumer;

import java.util.Set;

/**
 * Told when a balanced consumer's partitions change. Callbacks run on the group membership's thread, one at a
 * time: revocation after the consumer stopped fetching the partitions and committed their offsets (auto-commit or
 * not, what was consumed is committed), assignment once the new partitions are owned and positioned.
 */
public interface RebalanceListener {

    /** These partitions were taken away (their offsets are committed). */
    default void partitionsRevoked(Set<Integer> partitions) {
    }

    /** These partitions were given to this consumer. */
    default void partitionsAssigned(Set<Integer> partitions) {
    }
}

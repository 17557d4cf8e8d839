package dev.gregor.internal.metadata;

import java.util.List;
import java.util.UUID;

import dev.gregor.Partition;
import dev.gregor.UnknownPartitionException;

/**
 * A topic as the last metadata response described it.
 *
 * @param name       the topic's name
 * @param topicId    its id (Kafka 2.8+), or the zero UUID
 * @param partitions its partitions, indexed by partition id
 * @param internal   whether it is one of Kafka's own topics ({@code __consumer_offsets}, {@code __transaction_state}, …)
 */
public record TopicMetadata(String name, UUID topicId, List<Partition> partitions, boolean internal) {

    /** Copies the list so the record stays immutable. */
    public TopicMetadata {
        partitions = List.copyOf(partitions);
    }

    /** Partition {@code id}, or a clear error if the topic has no such partition. */
    public Partition partition(int id) {
        if (id < 0 || id >= partitions.size()) {
            throw new UnknownPartitionException(name, id, partitions.size());
        }
        return partitions.get(id);
    }
}

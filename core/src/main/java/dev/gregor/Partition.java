package dev.gregor;

import java.util.List;
import java.util.Optional;

/**
 * One partition of a topic: its leader (absent while an election runs) and its replicas, of which those in
 * {@code isr} are in sync with the leader.
 *
 * @param topic    the topic's name
 * @param id       the partition id, from 0
 * @param leader   the broker that takes writes and serves reads, if there is one
 * @param replicas the brokers holding a copy, preferred leader first
 * @param isr      the in-sync replicas
 */
public record Partition(String topic, int id, Optional<Broker> leader, List<Broker> replicas, List<Broker> isr) {

    /** Copies the lists so the record stays immutable. */
    public Partition {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}

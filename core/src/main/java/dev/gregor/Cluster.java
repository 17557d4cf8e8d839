package dev.gregor;

import java.util.List;
import java.util.Optional;

/**
 * What the client knows of the cluster as a whole.
 *
 * @param clusterId  the cluster's id, if the brokers report one
 * @param controller the broker clients see as controller, if reported
 * @param brokers    the live brokers, by id
 */
public record Cluster(Optional<String> clusterId, Optional<Broker> controller, List<Broker> brokers) {

    /** Copies the list so the record stays immutable. */
    public Cluster {
        brokers = List.copyOf(brokers);
    }
}

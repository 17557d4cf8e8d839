package dev.gregor.admin;

import java.util.List;
import java.util.Optional;

import dev.gregor.Broker;

/**
 * The cluster as its brokers describe it.
 *
 * @param clusterId  the cluster's id
 * @param controller the active controller as the brokers report it (in KRaft clusters, a broker standing for it)
 * @param brokers    every live broker, by id, with its APIs
 */
public record ClusterDescription(Optional<String> clusterId, Optional<Broker> controller,
                                 List<BrokerDescription> brokers) {

    /** Copies the list so the record stays immutable. */
    public ClusterDescription {
        brokers = List.copyOf(brokers);
    }
}

package dev.gregor.admin;

import java.util.List;

import dev.gregor.Broker;

/**
 * A broker and what it serves.
 *
 * @param broker     the broker (id, address, rack)
 * @param controller whether it is the cluster's active controller as the brokers report it
 * @param apis       the APIs it serves, by key (empty when Gregor could not reach it to ask)
 */
public record BrokerDescription(Broker broker, boolean controller, List<ApiSupport> apis) {

    /** Copies the list so the record stays immutable. */
    public BrokerDescription {
        apis = List.copyOf(apis);
    }
}

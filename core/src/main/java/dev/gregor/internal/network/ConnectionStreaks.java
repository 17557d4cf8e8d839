package dev.gregor.internal.network;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.event.Level;

/**
 * How loudly to tell of connection attempts, per broker address: a down broker fails every attempt, with backoff,
 * for as long as it is down, so only the first failure since it was last reachable is a WARN, the others DEBUG, and
 * the first success after failures an INFO.
 */
final class ConnectionStreaks {

    private final Map<BrokerAddress, Integer> failuresInARow = new ConcurrentHashMap<>();

    /** Counts a failed attempt to connect to {@code address}; the level to log it at. */
    Level failed(BrokerAddress address) {
        return failuresInARow.merge(address, 1, Integer::sum) == 1 ? Level.WARN : Level.DEBUG;
    }

    /** Ends {@code address}'s run of failures, if any; the level to log the connection at. */
    Level connected(BrokerAddress address) {
        return failuresInARow.remove(address) != null ? Level.INFO : Level.DEBUG;
    }
}

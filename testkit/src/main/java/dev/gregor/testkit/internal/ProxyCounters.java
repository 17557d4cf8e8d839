package dev.gregor.testkit.internal;

import java.util.concurrent.atomic.AtomicLong;

/** What one proxy's faults did so far, counted as they act. */
public final class ProxyCounters {

    final AtomicLong connections = new AtomicLong();
    final AtomicLong connectionsCut = new AtomicLong();
    final AtomicLong connectionsCutAfterDial = new AtomicLong();
    final AtomicLong requestsBlackholed = new AtomicLong();
    final AtomicLong responsesDropped = new AtomicLong();
    final AtomicLong errorsAnswered = new AtomicLong();
    final AtomicLong responsesDelayed = new AtomicLong();
    final AtomicLong bytesToBroker = new AtomicLong();
    final AtomicLong bytesToClients = new AtomicLong();

    /** Connections accepted. */
    public long connections() {
        return connections.get();
    }

    /** Connections closed by a cut of every open connection. */
    public long connectionsCut() {
        return connectionsCut.get();
    }

    /** Connections closed a while after they were dialled. */
    public long connectionsCutAfterDial() {
        return connectionsCutAfterDial.get();
    }

    /** Requests read and thrown away while blackholed. */
    public long requestsBlackholed() {
        return requestsBlackholed.get();
    }

    /** Responses the broker wrote that never reached the client. */
    public long responsesDropped() {
        return responsesDropped.get();
    }

    /** Requests answered with an error by the proxy instead of the broker. */
    public long errorsAnswered() {
        return errorsAnswered.get();
    }

    /** Responses held back by a per-API delay. */
    public long responsesDelayed() {
        return responsesDelayed.get();
    }

    /** Bytes written to the broker. */
    public long bytesToBroker() {
        return bytesToBroker.get();
    }

    /** Bytes written to clients. */
    public long bytesToClients() {
        return bytesToClients.get();
    }

    /** Sets every count back to zero. */
    public void reset() {
        for (AtomicLong count : new AtomicLong[] {connections, connectionsCut, connectionsCutAfterDial,
                requestsBlackholed, responsesDropped, errorsAnswered, responsesDelayed, bytesToBroker, bytesToClients}) {
            count.set(0);
        }
    }
}

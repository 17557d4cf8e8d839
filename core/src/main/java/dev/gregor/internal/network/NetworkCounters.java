package dev.gregor.internal.network;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of a transport's connection work, for tests and diagnostics: never reset. */
public final class NetworkCounters {

    private final AtomicLong connectionAttempts = new AtomicLong();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicLong authentications = new AtomicLong();

    /** TCP connections attempted, successful or not. */
    public long connectionAttempts() {
        return connectionAttempts.get();
    }

    /** Connections opened and ready (TLS and SASL done). */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    /** Successful SASL authentications, first ones and re-authentications. */
    public long authentications() {
        return authentications.get();
    }

    void connectionAttempted() {
        connectionAttempts.incrementAndGet();
    }

    void connectionOpened() {
        connectionsOpened.incrementAndGet();
    }

    void authenticated() {
        authentications.incrementAndGet();
    }
}

package dev.gregor.reliability;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces events out at a steady rate (a producer's records, a consumer's reads), so that a fault meets traffic of a
 * known size instead of a burst: the n-th call to {@link #awaitTurn()} returns no sooner than n / rate seconds after
 * the first. A caller that falls behind catches up without waiting, so the average rate holds.
 */
public final class Pacer {

    private final double nanosPerEvent;
    private long startNanos = -1;
    private long events;

    /** A pacer of {@code eventsPerSecond} (more than 0). */
    public Pacer(double eventsPerSecond) {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("eventsPerSecond must be more than 0, was " + eventsPerSecond);
        }
        this.nanosPerEvent = 1e9 / eventsPerSecond;
    }

    /** Waits until the next event is due. Call from one thread. */
    public void awaitTurn() {
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long due = startNanos + (long) (events++ * nanosPerEvent);
        while (due - now > 0) {
            LockSupport.parkNanos(due - now);
            now = System.nanoTime();
        }
    }
}

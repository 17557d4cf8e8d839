package dev.gregor.testkit.internal;

import java.util.concurrent.TimeUnit;

/**
 * A bandwidth limit shared by every connection of one proxy in one direction, like a slow link: bytes pass at
 * most at the set rate, each caller waiting for its share. A rate of zero lets everything through at once.
 */
final class Throttle {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long LONGEST_NAP = TimeUnit.MILLISECONDS.toNanos(50);

    private volatile long bytesPerSecond;
    private long nextFreeNanos;

    /** Sets the rate; zero lifts the limit (callers waiting now go on at once). */
    synchronized void rate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.nextFreeNanos = System.nanoTime();
    }

    /** The largest piece worth passing at once: about a twentieth of a second's worth, at least one byte. */
    int chunk(int remaining) {
        long rate = bytesPerSecond;
        return rate <= 0 ? remaining : (int) Math.max(1, Math.min(remaining, rate / 20));
    }

    /** Waits until {@code bytes} may pass at the current rate. */
    void pass(int bytes) throws InterruptedException {
        long rate = bytesPerSecond;
        if (rate <= 0) {
            return;
        }
        long until;
        synchronized (this) {
            long start = Math.max(System.nanoTime(), nextFreeNanos);
            nextFreeNanos = start + bytes * NANOS_PER_SECOND / rate;
            until = nextFreeNanos;
        }
        long left;
        while (bytesPerSecond > 0 && (left = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, LONGEST_NAP));
        }
    }
}

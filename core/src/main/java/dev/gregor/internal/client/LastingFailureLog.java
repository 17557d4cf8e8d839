package dev.gregor.internal.client;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Reports a retriable failure that repeats until it clears (a coordinator still loading, a broker down): every
 * attempt at DEBUG, one WARN once the failure has lasted {@code patience}, and an INFO when it clears after that
 * WARN. Brief, expected trouble (a fresh cluster still starting its coordinators) stays quiet; lasting trouble is
 * said once, not at every retry. Thread-safe.
 */
public final class LastingFailureLog {

    private final Logger log;
    private final String what;
    private final long patienceNanos;
    private final LongSupplier nanoTime;
    private long failingSince;
    private int attempts;
    private boolean warned;

    /** For {@code what} ("Getting a producer id", …), warning once it has failed for {@code patience}. */
    public LastingFailureLog(Logger log, String what, Duration patience) {
        this(log, what, patience, System::nanoTime);
    }

    LastingFailureLog(Logger log, String what, Duration patience, LongSupplier nanoTime) {
        this.log = log;
        this.what = what;
        this.patienceNanos = patience.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Another attempt failed with {@code reason}; it will be retried. */
    public synchronized void failed(String reason) {
        long now = nanoTime.getAsLong();
        if (attempts++ == 0) {
            failingSince = now;
        }
        if (!warned && now - failingSince >= patienceNanos) {
            warned = true;
            log.warn("{} has failed for {} s ({} attempts) and is still being retried: {}", what,
                    Duration.ofNanos(now - failingSince).toSeconds(), attempts, reason);
        } else {
            log.debug("{} failed, will retry: {}", what, reason);
        }
    }

    /** An attempt succeeded: the failure, if any, has cleared. */
    public synchronized void succeeded() {
        if (warned) {
            log.info("{} succeeded after {} failed attempts", what, attempts);
        }
        attempts = 0;
        warned = false;
    }
}

package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy of listener calls: up to {@code maxAttempts} attempts with doubling backoff, none after a value
 * that cannot be converted (a poison pill), cut short when the container must stop.
 */
final class ListenerRetries {

    private static final Logger log = LoggerFactory.getLogger(ListenerRetries.class);

    /** One listener call. */
    @FunctionalInterface
    interface Call {
        void run() throws Throwable;
    }

    private final int maxAttempts;
    private final Duration retryBackoff;

    ListenerRetries(int maxAttempts, Duration retryBackoff) {
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs {@code call} until it succeeds (null) or its attempts are spent (its last failure); {@code what} names the
     * records for logs.
     *
     * @throws ListenerFailedException if {@code stopping} turns true while waiting to retry
     */
    @Nullable Throwable run(Call call, Supplier<String> what, BooleanSupplier stopping) {
        Throwable failure = null;
        long backoff = retryBackoff.toNanos();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                call.run();
                return null;
            } catch (ValueConversionException poisonPill) {
                return poisonPill;
            } catch (Throwable error) {
                failure = error;
                log.debug("Listener failed on {} (attempt {} of {}): {}", what.get(), attempt, maxAttempts,
                        error.toString());
                if (attempt < maxAttempts && !waitBeforeRetry(backoff, stopping)) {
                    throw new ListenerFailedException("Stopped while retrying " + what.get(), error);
                }
                backoff *= 2;
            }
        }
        return failure;
    }

    private static boolean waitBeforeRetry(long nanos, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + nanos;
        while (!stopping.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}

package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import dev.gregor.spring.listener.RetryBackoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy of listener calls, for record and batch listeners alike: up to {@code maxAttempts} attempts after
 * the waits of a {@link RetryBackoff}; none after a value that cannot be converted (a poison pill) or a failure that
 * is (or was caused by) one of the not-retryable types; cut short when the container must stop.
 */
final class ListenerRetries {

    private static final Logger log = LoggerFactory.getLogger(ListenerRetries.class);

    /** One listener call. */
    @FunctionalInterface
    interface Call {
        void run() throws Throwable;
    }

    private final int maxAttempts;
    private final RetryBackoff backoff;
    private final Set<Class<? extends Throwable>> notRetryable;
    private final DoubleSupplier random;

    /** {@code random} gives numbers in [0, 1) for the backoff's jitter. */
    ListenerRetries(int maxAttempts, RetryBackoff backoff, Set<Class<? extends Throwable>> notRetryable,
                    DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.notRetryable = Set.copyOf(notRetryable);
        this.random = random;
    }

    /**
     * Runs {@code call} until it succeeds (null) or its attempts are spent (its last failure), or returns the first
     * failure that must not be retried; {@code what} names the records for logs.
     *
     * @throws ListenerFailedException if {@code stopping} turns true while waiting to retry
     */
    @Nullable Throwable run(Call call, Supplier<String> what, BooleanSupplier stopping) {
        Throwable failure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                call.run();
                return null;
            } catch (ValueConversionException poisonPill) {
                return poisonPill;
            } catch (Throwable error) {
                failure = error;
                if (isNotRetryable(error)) {
                    log.debug("Listener failed on {} with a not-retryable {}", what.get(), error.toString());
                    return error;
                }
                log.debug("Listener failed on {} (attempt {} of {}): {}", what.get(), attempt, maxAttempts,
                        error.toString());
                if (attempt < maxAttempts && !waitBeforeRetry(backoff.before(attempt, random), stopping)) {
                    throw new ListenerFailedException("Stopped while retrying " + what.get(), error);
                }
            }
        }
        return failure;
    }

    private boolean isNotRetryable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : notRetryable) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean waitBeforeRetry(Duration wait, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + wait.toNanos();
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

package dev.gregor.internal.async;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.gregor.KafkaException;

/** Repeats an asynchronous operation while it fails with a retriable error, backing off, until a deadline. */
public final class Retries {

    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private Retries() {
    }

    /** The first successful outcome of {@code attempt}, or its last failure once non-retriable or past {@code timeout}. */
    public static <T> CompletableFuture<T> untilDeadline(Supplier<CompletableFuture<T>> attempt, Duration timeout) {
        return untilDeadline(attempt, timeout, KafkaException::isRetriable);
    }

    /** As {@link #untilDeadline(Supplier, Duration)}, with the caller deciding which failures are worth retrying. */
    public static <T> CompletableFuture<T> untilDeadline(Supplier<CompletableFuture<T>> attempt, Duration timeout,
                                                         Predicate<KafkaException> retriable) {
        Retrying<T> retrying = new Retrying<>();
        attempt(attempt, retriable, System.nanoTime() + timeout.toNanos(), FIRST_BACKOFF_MILLIS, retrying)
                .whenComplete((value, failure) -> {
                    if (failure == null) {
                        retrying.complete(value);
                    } else {
                        retrying.completeExceptionally(failure);
                    }
                });
        return retrying;
    }

    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> attempt, Predicate<KafkaException> retriable,
                                                    long deadlineNanos, long backoffMillis, Retrying<T> retrying) {
        return attempt.get().exceptionallyCompose(failure -> {
            KafkaException error = Futures.unwrap(failure);
            retrying.lastFailure = error;
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (!retriable.test(error) || remainingMillis <= backoffMillis) {
                return CompletableFuture.failedFuture(error);
            }
            return CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> attempt(attempt, retriable, deadlineNanos,
                            Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2), retrying));
        });
    }

    /**
     * The outcome of an operation being retried, and meanwhile its last failure: a caller that stops waiting before
     * the deadline can say what went wrong, not only that time ran out.
     */
    static final class Retrying<T> extends CompletableFuture<T> {

        private volatile KafkaException lastFailure;

        /** The failure of the latest attempt, if an attempt has failed. */
        Optional<KafkaException> lastFailure() {
            return Optional.ofNullable(lastFailure);
        }
    }
}

package dev.gregor.internal.client;

import java.time.Duration;
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
        return attempt(attempt, retriable, System.nanoTime() + timeout.toNanos(), FIRST_BACKOFF_MILLIS);
    }

    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> attempt, Predicate<KafkaException> retriable,
                                                    long deadlineNanos, long backoffMillis) {
        return attempt.get().exceptionallyCompose(failure -> {
            KafkaException error = Futures.unwrap(failure);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (!retriable.test(error) || remainingMillis <= backoffMillis) {
                return CompletableFuture.failedFuture(error);
            }
            return CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> attempt(attempt, retriable, deadlineNanos,
                            Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2)));
        });
    }
}

package dev.gregor.internal.admin;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;

/** Runs an admin operation for its blocking caller: retried while it fails retriably, for at most the apiTimeout. */
final class Blocking {

    private final Duration apiTimeout;

    Blocking(Duration apiTimeout) {
        this.apiTimeout = apiTimeout;
    }

    /** {@code attempt}, retried while it fails retriably until the apiTimeout, as a future. */
    <T> CompletableFuture<T> retried(Supplier<CompletableFuture<T>> attempt) {
        return Retries.untilDeadline(attempt, apiTimeout);
    }

    /** The outcome of {@code attempt}, retried until the apiTimeout; {@code operation} names it in a timeout. */
    <T> T call(Supplier<CompletableFuture<T>> attempt, String operation) {
        return await(retried(attempt), operation);
    }

    /** The value of {@code future}, waited for at most the apiTimeout; {@code operation} names it in a timeout. */
    <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, apiTimeout, operation);
    }
}

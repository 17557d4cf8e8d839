package dev.gregor.internal.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.ProtocolException;

/** Waits for the client's futures on behalf of its blocking methods, turning failures into {@link KafkaException}s. */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's value, waiting at most {@code timeout}.
     *
     * @throws KafkaException the failure the future completed with, or a {@link KafkaTimeoutException}
     */
    public static <T> T await(CompletableFuture<T> future, Duration timeout, String operation) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KafkaTimeoutException(operation, timeout, "Check that the brokers are reachable, or raise apiTimeout.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTimeoutException(operation + " (interrupted)", timeout, "The waiting thread was interrupted.");
        } catch (ExecutionException | CancellationException e) {
            throw unwrap(e);
        }
    }

    /** The {@link KafkaException} behind a future's failure, wrapping anything unexpected. */
    public static KafkaException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof KafkaException kafka) {
            return kafka;
        }
        return new ProtocolException("Unexpected failure: " + cause, cause);
    }
}

package dev.gregor.internal.async;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.ProtocolException;

/** Waits for the client's futures on behalf of its blocking methods, turning failures into {@link KafkaException}s. */
public final class Futures {

    private static volatile UnaryOperator<KafkaException> rethrow = UnaryOperator.identity();

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
            String lastFailure = future instanceof Retries.Retrying<T> retrying
                    ? retrying.lastFailure().map(failure -> " The last attempt failed: " + failure.getMessage()).orElse("")
                    : "";
            throw new KafkaTimeoutException(operation, timeout,
                    "Check that the brokers are reachable, or raise apiTimeout." + lastFailure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTimeoutException(operation + " (interrupted)", timeout, "The waiting thread was interrupted.");
        } catch (ExecutionException | CancellationException e) {
            throw rethrown(e);
        }
    }

    /**
     * The {@link KafkaException} behind a future's failure, for a blocking call to throw: of the same type, with the
     * caller's stack trace and the original failure, which carries the stack of the thread it happened on, as cause.
     */
    public static KafkaException rethrown(Throwable failure) {
        return rethrow.apply(unwrap(failure));
    }

    /** Set once by {@link KafkaException}, which alone can copy each of its kinds. */
    public static void rethrowWith(UnaryOperator<KafkaException> copy) {
        rethrow = copy;
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

package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import dev.gregor.Message;
import dev.gregor.spring.listener.RetryBackoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one record to the listener with the error policy: a failing call is retried after the waits of a
 * {@link RetryBackoff} up to {@code maxAttempts}; a record that still fails, that cannot even be converted (a poison
 * pill), or whose failure is (or was caused by) one of the not-retryable types goes to the dead-letter topic, the
 * last two without retries. Returns once the record is processed or dead-lettered, so the caller may commit past it;
 * throws {@link ListenerFailedException} when it could do neither (no dead-letter topic), so the caller must not.
 */
public final class RecordDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RecordDispatcher.class);

    private final ListenerInvoker invoker;
    private final int maxAttempts;
    private final RetryBackoff backoff;
    private final Set<Class<? extends Throwable>> notRetryable;
    private final @Nullable DeadLetterPublisher deadLetters;
    private final DoubleSupplier random;

    /**
     * A dispatcher calling {@code invoker}; {@code deadLetters} null means a failed record stops the container;
     * {@code random} gives numbers in [0, 1) for the backoff's jitter.
     */
    public RecordDispatcher(ListenerInvoker invoker, int maxAttempts, RetryBackoff backoff,
                            Set<Class<? extends Throwable>> notRetryable, @Nullable DeadLetterPublisher deadLetters,
                            DoubleSupplier random) {
        this.invoker = invoker;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.notRetryable = Set.copyOf(notRetryable);
        this.deadLetters = deadLetters;
        this.random = random;
    }

    /**
     * Processes {@code message}; {@code stopping} cuts retries short when the container must stop. Returns whether
     * the record went to the dead-letter topic rather than through the listener.
     */
    public boolean dispatch(Message message, BooleanSupplier stopping) {
        Throwable failure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                invoker.invoke(message);
                return false;
            } catch (ValueConversionException poisonPill) {
                failure = poisonPill;
                break;
            } catch (Throwable error) {
                failure = error;
                if (isNotRetryable(error)) {
                    log.debug("Listener failed on {} with a not-retryable {}", describe(message), error.toString());
                    break;
                }
                log.debug("Listener failed on {} (attempt {} of {}): {}", describe(message), attempt, maxAttempts,
                        error.toString());
                if (attempt < maxAttempts && !waitBeforeRetry(backoff.before(attempt, random), stopping)) {
                    throw new ListenerFailedException("Stopped while retrying " + describe(message), error);
                }
            }
        }
        if (deadLetters == null) {
            throw new ListenerFailedException("The listener failed on " + describe(message) + " and dead-lettering is"
                    + " off (gregor.listener.dead-letter=false): the container stops without committing past it", failure);
        }
        String target = deadLetters.publish(message, failure);
        log.warn("Sent {} to {} after: {}", describe(message), target, failure.toString());
        return true;
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

    private static String describe(Message message) {
        return "the record at offset " + message.offset() + " of " + message.topic() + "-" + message.partitionId();
    }
}

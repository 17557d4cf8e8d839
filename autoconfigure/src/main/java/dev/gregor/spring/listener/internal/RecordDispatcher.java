package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.gregor.Message;
import dev.gregor.spring.listener.Acknowledgment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one record to the listener with the error policy: a failing call is retried with doubling backoff up to
 * {@code maxAttempts}; a record that still fails, or cannot even be converted (a poison pill, never retried), goes
 * to the dead-letter topic. Returns once the record is processed or dead-lettered, so the caller may commit past it;
 * throws {@link ListenerFailedException} when it could do neither (no dead-letter topic), so the caller must not.
 */
public final class RecordDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RecordDispatcher.class);

    private final ListenerInvoker invoker;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final @Nullable DeadLetterPublisher deadLetters;

    /** A dispatcher calling {@code invoker}; {@code deadLetters} null means a failed record stops the container. */
    public RecordDispatcher(ListenerInvoker invoker, int maxAttempts, Duration retryBackoff,
                            @Nullable DeadLetterPublisher deadLetters) {
        this.invoker = invoker;
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
        this.deadLetters = deadLetters;
    }

    /** Whether the listener takes an {@link Acknowledgment}: it commits by hand. */
    public boolean acknowledges() {
        return invoker.acknowledges();
    }

    /**
     * Processes {@code message}, handing the listener {@code acknowledgment} if it takes one; {@code stopping} cuts
     * retries short when the container must stop. Returns whether the record went to the dead-letter topic rather
     * than through the listener.
     */
    public boolean dispatch(Message message, @Nullable Acknowledgment acknowledgment, BooleanSupplier stopping) {
        Throwable failure = null;
        long backoff = retryBackoff.toNanos();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                invoker.invoke(message, acknowledgment);
                return false;
            } catch (ValueConversionException poisonPill) {
                failure = poisonPill;
                break;
            } catch (Throwable error) {
                failure = error;
                log.debug("Listener failed on {}-{}@{} (attempt {} of {}): {}", message.topic(), message.partitionId(),
                        message.offset(), attempt, maxAttempts, error.toString());
                if (attempt < maxAttempts && !waitBeforeRetry(backoff, stopping)) {
                    throw new ListenerFailedException("Stopped while retrying " + describe(message), error);
                }
                backoff *= 2;
            }
        }
        if (deadLetters == null) {
            throw new ListenerFailedException("The listener failed on " + describe(message) + " and dead-lettering is"
                    + " off (gregor.listener.dead-letter=false): the container stops without committing past it", failure);
        }
        log.warn("Sending {} to {} after: {}", describe(message), DeadLetterPublisher.deadLetterTopic(message.topic()),
                failure.toString());
        deadLetters.publish(message, failure);
        return true;
    }

    /** Waits {@code nanos} before the next attempt; false if the container must stop (or the thread was interrupted). */
    static boolean waitBeforeRetry(long nanos, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + nanos;
        while (!stopping.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static String describe(Message message) {
        return "the record at offset " + message.offset() + " of " + message.topic() + "-" + message.partitionId();
    }
}

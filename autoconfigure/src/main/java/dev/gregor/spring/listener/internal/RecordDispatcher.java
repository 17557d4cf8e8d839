package dev.gregor.spring.listener.internal;

import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import dev.gregor.Message;
import dev.gregor.spring.listener.Acknowledgment;
import dev.gregor.spring.listener.RetryBackoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one record to the listener with the error policy of {@link ListenerRetries}: a failing call is retried after
 * the waits of a {@link RetryBackoff} up to {@code maxAttempts}; a record that still fails, that cannot even be
 * converted (a poison pill), or whose failure is (or was caused by) one of the not-retryable types goes to the
 * dead-letter topic, the last two without retries. Returns once the record is processed or dead-lettered, so the
 * caller may commit past it; throws {@link ListenerFailedException} when it could do neither (no dead-letter topic),
 * so the caller must not.
 */
public final class RecordDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RecordDispatcher.class);

    private final ListenerInvoker invoker;
    private final ListenerRetries retries;
    private final @Nullable DeadLetterPublisher deadLetters;
    private final ObservedCalls observed;

    /**
     * A dispatcher calling {@code invoker}; {@code deadLetters} null means a failed record stops the container;
     * {@code random} gives numbers in [0, 1) for the backoff's jitter; each call goes through {@code observed}.
     */
    public RecordDispatcher(ListenerInvoker invoker, int maxAttempts, RetryBackoff backoff,
                            Set<Class<? extends Throwable>> notRetryable, @Nullable DeadLetterPublisher deadLetters,
                            DoubleSupplier random, ObservedCalls observed) {
        this.invoker = invoker;
        this.observed = observed;
        this.retries = new ListenerRetries(maxAttempts, backoff, notRetryable, random);
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
        Throwable failure = retries.run(observed.of(message, () -> invoker.invoke(message, acknowledgment)),
                () -> describe(message), stopping);
        if (failure == null) {
            return false;
        }
        deadLetter(deadLetters, message, failure);
        return true;
    }

    /**
     * Sends {@code message}, which failed with {@code failure}, to its dead-letter topic and waits for the broker.
     *
     * @throws ListenerFailedException if dead-lettering is off ({@code deadLetters} null)
     */
    static void deadLetter(@Nullable DeadLetterPublisher deadLetters, Message message, Throwable failure) {
        if (deadLetters == null) {
            throw new ListenerFailedException("The listener failed on " + describe(message) + " and dead-lettering is"
                    + " off (gregor.listener.dead-letter=false): the container stops without committing past it", failure);
        }
        String target = deadLetters.publish(message, failure);
        log.warn("Sent {} to {} after: {}", describe(message), target, failure.toString());
    }

    static String describe(Message message) {
        return "the record at offset " + message.offset() + " of " + message.topic() + "-" + message.partitionId();
    }
}

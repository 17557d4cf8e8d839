package dev.gregor.spring.listener.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import dev.gregor.Message;
import dev.gregor.spring.listener.BatchListenerFailedException;
import dev.gregor.spring.listener.RetryBackoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a poll's records to a batch listener with the error policy of {@link RecordDispatcher} ({@link ListenerRetries}),
 * applied to batches: records whose value cannot be converted are dead-lettered and left out; a failing call is
 * retried after the waits of a {@link RetryBackoff} up to {@code maxAttempts}, and not at all when its failure is (or
 * was caused by) one of the not-retryable types; then the failing record is the one a
 * {@link BatchListenerFailedException} names, or else the first that still fails when the records are run one at a
 * time (each with the same retries).
 * That record is dead-lettered, those before it count as processed, and those after it are processed again as a
 * batch. Throws {@link ListenerFailedException} when a record can be neither processed nor dead-lettered.
 */
public final class BatchDispatcher {

    private static final Logger log = LoggerFactory.getLogger(BatchDispatcher.class);

    private final BatchInvoker invoker;
    private final ListenerRetries retries;
    private final @Nullable DeadLetterPublisher deadLetters;
    private final ObservedCalls observed;

    /**
     * A dispatcher calling {@code invoker}; {@code deadLetters} null means a failed record stops the container;
     * {@code random} gives numbers in [0, 1) for the backoff's jitter; each call goes through {@code observed}.
     */
    public BatchDispatcher(BatchInvoker invoker, int maxAttempts, RetryBackoff backoff,
                           Set<Class<? extends Throwable>> notRetryable, @Nullable DeadLetterPublisher deadLetters,
                           DoubleSupplier random, ObservedCalls observed) {
        this.invoker = invoker;
        this.observed = observed;
        this.retries = new ListenerRetries(maxAttempts, backoff, notRetryable, random);
        this.deadLetters = deadLetters;
    }

    /** Whether the listener takes an {@link dev.gregor.spring.listener.Acknowledgment}: it commits by hand. */
    public boolean acknowledges() {
        return invoker.acknowledges();
    }

    /**
     * Processes {@code batch}, telling {@code outcome} of each record once it is done with; {@code acknowledged} (null
     * unless the listener commits by hand) records the listener's acknowledgments. Returns the acknowledgment the
     * listener nacked (the records from the nacked one on are not done with), or null.
     */
    @Nullable ListAcknowledgment dispatch(List<Message> batch, @Nullable AcknowledgedOffsets acknowledged,
                                          BooleanSupplier stopping, RecordOutcome outcome) {
        List<Message> records = new ArrayList<>(batch.size());
        List<@Nullable Object> values = new ArrayList<>(batch.size());
        for (Message message : batch) {
            try {
                values.add(invoker.convert(message));
                records.add(message);
            } catch (ValueConversionException poisonPill) {
                deadLetter(message, poisonPill, outcome);
            }
        }
        int from = 0;
        while (from < records.size()) {
            List<Message> pending = records.subList(from, records.size());
            List<@Nullable Object> pendingValues = values.subList(from, values.size());
            Call call = callWithRetries(pending, pendingValues, acknowledged, stopping);
            if (call.failure() == null) {
                return finish(pending, call.acknowledgment(), outcome);
            }
            int failed = call.failure() instanceof BatchListenerFailedException named
                    && named.index() >= 0 && named.index() < pending.size() ? named.index() : -1;
            if (failed >= 0) {
                for (Message processed : pending.subList(0, failed)) {
                    if (acknowledged != null) {
                        acknowledged.acknowledge(processed);
                    }
                    outcome.handled(processed, false);
                }
                Throwable cause = call.failure().getCause() != null ? call.failure().getCause() : call.failure();
                deadLetter(pending.get(failed), cause, outcome);
                from += failed + 1;
                continue;
            }
            log.debug("Batch of {} records failed without naming the record ({}): running them one at a time",
                    pending.size(), call.failure().toString());
            for (int i = 0; i < pending.size(); i++) {
                Call alone = callWithRetries(pending.subList(i, i + 1), pendingValues.subList(i, i + 1), acknowledged,
                        stopping);
                if (alone.failure() != null) {
                    deadLetter(pending.get(i), alone.failure(), outcome);
                    from += i + 1;
                    break;
                }
                ListAcknowledgment nacked = finish(pending.subList(i, i + 1), alone.acknowledgment(), outcome);
                if (nacked != null) {
                    return nacked;
                }
                if (i == pending.size() - 1) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The records of a call that returned are processed, up to the one it nacked (returned then), if any. */
    private static @Nullable ListAcknowledgment finish(List<Message> records, @Nullable ListAcknowledgment acknowledgment,
                                                       RecordOutcome outcome) {
        boolean nacked = acknowledgment != null && acknowledgment.pause() != null;
        int done = nacked ? acknowledgment.nackedIndex() : records.size();
        for (Message processed : records.subList(0, done)) {
            outcome.handled(processed, false);
        }
        return nacked ? acknowledgment : null;
    }

    private Call callWithRetries(List<Message> records, List<@Nullable Object> values,
                                 @Nullable AcknowledgedOffsets acknowledged, BooleanSupplier stopping) {
        ListAcknowledgment[] given = new ListAcknowledgment[1];
        Throwable failure = retries.run(observed.of(records, () -> {
            given[0] = acknowledged == null ? null : new ListAcknowledgment(records, acknowledged);
            invoker.invoke(values, given[0]);
        }), () -> "a batch of " + records.size() + " records from " + RecordDispatcher.describe(records.get(0)), stopping);
        return new Call(failure == null ? given[0] : null, failure);
    }

    private void deadLetter(Message message, Throwable failure, RecordOutcome outcome) {
        RecordDispatcher.deadLetter(deadLetters, message, failure);
        outcome.handled(message, true);
    }

    /** How a call ended: returned (with the acknowledgment it was given, if any) or failed. */
    private record Call(@Nullable ListAcknowledgment acknowledgment, @Nullable Throwable failure) {
    }
}

package dev.gregor.spring.listener.internal;

import org.jspecify.annotations.Nullable;

/**
 * How a container hands records to its listener: one at a time, or in batches of at most {@code maxBatchSize}.
 *
 * @param records      the dispatcher of a record listener, or null
 * @param batches      the dispatcher of a batch listener, or null
 * @param maxBatchSize the most records of one batch call (1 for a record listener)
 */
public record ListenerDispatch(@Nullable RecordDispatcher records, @Nullable BatchDispatcher batches, int maxBatchSize) {

    /** Records one at a time through {@code dispatcher}. */
    public static ListenerDispatch of(RecordDispatcher dispatcher) {
        return new ListenerDispatch(dispatcher, null, 1);
    }

    /** Batches of at most {@code maxBatchSize} records through {@code dispatcher}. */
    public static ListenerDispatch of(BatchDispatcher dispatcher, int maxBatchSize) {
        return new ListenerDispatch(null, dispatcher, maxBatchSize);
    }

    /** Whether the listener takes an {@link dev.gregor.spring.listener.Acknowledgment}: it commits by hand. */
    boolean acknowledges() {
        return records != null ? records.acknowledges() : batches.acknowledges();
    }
}

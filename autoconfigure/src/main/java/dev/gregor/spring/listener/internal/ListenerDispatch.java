package dev.gregor.spring.listener.internal;

import org.jspecify.annotations.Nullable;

/**
 * How a container hands records to its listener: one at a time, in batches of at most {@code maxBatchSize}, or in
 * parallel across keys with at most {@code parallelism} in flight.
 *
 * @param records      the dispatcher of a record listener, or null
 * @param batches      the dispatcher of a batch listener, or null
 * @param maxBatchSize the most records of one batch call (1 for a record listener)
 * @param parallelism  for a key-ordered record listener the most records in flight per container; else 0
 */
public record ListenerDispatch(@Nullable RecordDispatcher records, @Nullable BatchDispatcher batches, int maxBatchSize,
                               int parallelism) {

    /** Records one at a time through {@code dispatcher}. */
    public static ListenerDispatch of(RecordDispatcher dispatcher) {
        return new ListenerDispatch(dispatcher, null, 1, 0);
    }

    /** Batches of at most {@code maxBatchSize} records through {@code dispatcher}. */
    public static ListenerDispatch of(BatchDispatcher dispatcher, int maxBatchSize) {
        return new ListenerDispatch(null, dispatcher, maxBatchSize, 0);
    }

    /** Records in parallel across keys, in order within each, at most {@code parallelism} in flight per container. */
    public static ListenerDispatch keyOrdered(RecordDispatcher dispatcher, int parallelism) {
        return new ListenerDispatch(dispatcher, null, 1, parallelism);
    }

    /** Whether the listener takes an {@link dev.gregor.spring.listener.Acknowledgment}: it commits by hand. */
    boolean acknowledges() {
        return records != null ? records.acknowledges() : batches.acknowledges();
    }
}

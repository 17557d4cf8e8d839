package dev.gregor.consumer;

/** Where a consumer starts in a partition that has no committed offset, or whose offset left the log. */
public enum OffsetReset {
    /** At the oldest record still in the log. */
    EARLIEST,
    /** After the newest record: only records produced from now on. */
    LATEST,
    /** Nowhere: fail with {@link dev.gregor.OffsetOutOfRangeException} and let the application decide. */
    NONE
}

package dev.gregor;

/**
 * A consumer's offset is no longer (or not yet) in the partition's log, and its {@code autoOffsetReset} is NONE,
 * so it will not guess where to continue.
 */
public final class OffsetOutOfRangeException extends KafkaException {

    /** For {@code offset} of {@code topic}/{@code partition}, outside the log's {@code start}..{@code end}. */
    public OffsetOutOfRangeException(String topic, int partition, long offset, String why) {
        super("Offset " + offset + " of topic '" + topic + "' partition " + partition + " is out of range (" + why
                + "). Set autoOffsetReset to EARLIEST or LATEST, or call resetOffsets(...) to choose where to continue.");
    }

    private OffsetOutOfRangeException(OffsetOutOfRangeException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new OffsetOutOfRangeException(this);
    }
}

package dev.gregor;

/** A record is larger than a configured or broker-side limit; it was not sent, and nothing else was lost. */
public final class RecordTooLargeException extends KafkaException {

    /**
     * For a record of {@code size} bytes (at most, before compression) that does not fit {@code limit} (the setting
     * and its value), with the {@code fix} that lets it through.
     */
    public RecordTooLargeException(String topic, int size, String limit, String fix) {
        super("A record of " + size + " bytes for topic '" + topic + "' does not fit " + limit + ". " + fix);
    }

    /** For a record the broker refused as too large. */
    public RecordTooLargeException(String message) {
        super(message);
    }

    private RecordTooLargeException(RecordTooLargeException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new RecordTooLargeException(this);
    }
}

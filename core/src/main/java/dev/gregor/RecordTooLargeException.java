package dev.gregor;

/** A record is larger than a configured or broker-side limit; it was not sent, and nothing else was lost. */
public final class RecordTooLargeException extends KafkaException {

    /** For a record of {@code size} bytes over the {@code limit} bytes of the named setting. */
    public RecordTooLargeException(String topic, int size, int limit, String setting) {
        super("A record of " + size + " bytes for topic '" + topic + "' exceeds " + setting + " (" + limit
                + " bytes). Send smaller records, or raise " + setting + " (and the topic's max.message.bytes).");
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

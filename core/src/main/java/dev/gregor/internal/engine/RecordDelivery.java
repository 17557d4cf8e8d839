package dev.gregor.internal.engine;

import dev.gregor.KafkaException;

/**
 * Told how one appended record ended, exactly once per append as far as the engine is concerned, on the engine's
 * own thread. An implementation may ignore a second outcome (its producer handle gave the record up first).
 */
public interface RecordDelivery {

    /** The record was acknowledged at {@code offset} (-1 if unknown, as with acks=0) with {@code timestamp}. */
    void delivered(long offset, long timestamp);

    /** The record was not delivered. */
    void failed(KafkaException error);
}

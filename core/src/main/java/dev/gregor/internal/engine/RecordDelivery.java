package dev.gregor.internal.engine;

import dev.gregor.KafkaException;

/**
 * Told how one appended record ended, exactly once per append as far as the engine is concerned, on the engine's
 * own thread. An implementation may ignore a second outcome (its producer handle gave the record up first). A
 * delivery that only counts (nobody waits on its records one by one) may be told of consecutive records of a batch
 * at once, through {@link #ended}.
 */
public interface RecordDelivery {

    /**
     * Whether this delivery only counts its records: the engine may then tell it of consecutive records of one batch
     * together, through {@link #ended}, instead of record by record.
     */
    default boolean countsOnly() {
        return false;
    }

    /**
     * {@code records} consecutive records ended: acknowledged if {@code error} is null, else not delivered. Engines
     * call it only for deliveries that {@linkplain #countsOnly() only count}; by default it tells each record
     * without its offset or timestamp.
     */
    default void ended(int records, KafkaException error) {
        for (int i = 0; i < records; i++) {
            if (error == null) {
                delivered(-1, -1);
            } else {
                failed(error);
            }
        }
    }

    /** The record was acknowledged at {@code offset} (-1 if unknown, as with acks=0) with {@code timestamp}. */
    void delivered(long offset, long timestamp);

    /** The record was not delivered. */
    void failed(KafkaException error);
}

package dev.gregor.internal.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.gregor.TopicPartition;
import dev.gregor.producer.ProducerRecord;

/**
 * What moves a client's produced records to the brokers, across every topic: batches per partition, one sender,
 * one producer identity. Producer handles check and route records before they append them, and keep their own
 * books of what is pending; the engine only batches, sends, retries and reports. Thread-safe.
 */
public interface ProducerEngine {

    /**
     * Queues {@code record}, which takes at most {@code recordBytes} in a batch, for {@code partition} in batches of
     * at most {@code batchBytes} record bytes; the engine tells {@code delivery} how it ends. Returns whether a batch
     * of the partition is now full, so that a sticky partitioner moves on.
     */
    boolean append(TopicPartition partition, ProducerRecord record, int recordBytes, int batchBytes,
                   RecordDelivery delivery);

    /**
     * Whether the records of each partition end in the order they were appended, retries included, so that a
     * handle may count them rather than follow each (see {@link RecordDelivery#countsOnly()}).
     */
    boolean endsInOrder();

    /** Sends every queued record without waiting for the linger time, until {@code until} completes. */
    void sendNow(CompletableFuture<?> until);

    /**
     * The engine's transactions, for a configuration with a {@code transactionalId}; empty for any other engine.
     */
    default Optional<EngineTransactions> transactions() {
        return Optional.empty();
    }

    /** Batch transmissions so far, retries included, over every handle of the engine; -1 where not known. */
    long batchesSent();

    /** Produce requests sent so far, over every handle of the engine; -1 where not known. */
    long requestsSent();

    /**
     * Stops: waits up to {@code timeout} for what is still queued, then fails what is left. Called once, when the
     * last handle on the engine has closed (each has already waited for its own records).
     */
    void close(Duration timeout);
}

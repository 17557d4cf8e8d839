package dev.gregor.internal.engine;

import java.time.Duration;
import java.util.Map;

import dev.gregor.TopicPartition;
import dev.gregor.consumer.GroupMetadata;

/**
 * The transactions of a transactional producer engine (a config with a {@code transactionalId}): one open at a
 * time, spanning every partition the engine appends to while it is open. The engine adds each partition to the
 * transaction before its first batch leaves, and ends the transaction only once every appended record has ended.
 * Failures are the public {@link dev.gregor.TransactionException}s: abortable ones leave the engine ready for
 * {@link #abort}, fatal ones leave it refusing everything with the same error. Called from the handle, under its
 * lock: one call at a time.
 */
public interface EngineTransactions {

    /**
     * Gets the producer id and epoch for the transactional id (InitProducerId), which fences any older producer
     * with the id and aborts its open transaction; blocks up to {@code timeout}. Called once, before anything else.
     */
    void initialize(Duration timeout);

    /** Opens a transaction; records appended from now on belong to it. */
    void begin();

    /**
     * Adds {@code offsets} (next offsets to read) for {@code group} to the open transaction (AddOffsetsToTxn, then
     * TxnOffsetCommit as the member {@code group} names); blocks up to {@code timeout}.
     */
    void sendOffsets(GroupMetadata group, Map<TopicPartition, Long> offsets, Duration timeout);

    /**
     * Commits the open transaction: sends what is queued at once, waits until every record appended has ended (up to
     * the delivery timeout), and has the coordinator commit (EndTxn) within {@code timeout}; refuses with an
     * abortable error if a record failed.
     */
    void commit(Duration timeout);

    /**
     * Aborts the open transaction: fails the records not sent yet, waits for those in flight, and has the coordinator
     * abort (EndTxn) within {@code timeout}.
     */
    void abort(Duration timeout);
}

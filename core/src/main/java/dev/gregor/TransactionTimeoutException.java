package dev.gregor;

import java.time.Duration;

/**
 * The transaction stayed open longer than the producer's {@code transactionTimeout}, so the transaction coordinator
 * aborted it. Abort it on the producer too, and redo the work in a new transaction; if the work takes that long by
 * nature, raise {@code transactionTimeout} (up to the brokers' {@code transaction.max.timeout.ms}) or commit more
 * often.
 */
public final class TransactionTimeoutException extends AbortableTransactionException {

    private final Duration transactionTimeout;

    /** For the producer with {@code transactionalId} and {@code transactionTimeout}; {@code detail} says where it was seen. */
    public TransactionTimeoutException(String transactionalId, Duration transactionTimeout, String detail) {
        super(transactionalId, "the transaction was open longer than transactionTimeout ("
                + transactionTimeout.toMillis() + " ms) and the coordinator aborted it (" + detail
                + "); raise transactionTimeout or commit more often", null);
        this.transactionTimeout = transactionTimeout;
    }

    /** The producer's transaction timeout. */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    private TransactionTimeoutException(TransactionTimeoutException original) {
        super(original);
        this.transactionTimeout = original.transactionTimeout;
    }

    @Override
    KafkaException rethrown() {
        return new TransactionTimeoutException(this);
    }
}

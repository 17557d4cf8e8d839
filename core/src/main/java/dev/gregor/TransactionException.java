package dev.gregor;

/**
 * A transaction of a transactional producer failed. The subclass says what to do: an
 * {@link AbortableTransactionException} (of which {@link TransactionTimeoutException} is one) asks for
 * {@code abortTransaction()}, after which the producer may begin the next transaction; a
 * {@link FatalTransactionException} (of which {@link ProducerFencedException} is one) leaves the producer unusable:
 * close it. Nothing the failed transaction wrote becomes visible to {@code READ_COMMITTED} consumers.
 */
public abstract sealed class TransactionException extends KafkaException
        permits AbortableTransactionException, FatalTransactionException {

    private final String transactionalId;

    TransactionException(String transactionalId, String message, Throwable cause) {
        super("Transactional producer '" + transactionalId + "': " + message, cause);
        this.transactionalId = transactionalId;
    }

    TransactionException(TransactionException original) {
        super(original);
        this.transactionalId = original.transactionalId;
    }

    /** The producer's transactional id. */
    public String transactionalId() {
        return transactionalId;
    }
}

package dev.gregor;

/**
 * The current transaction cannot commit — a record of it was not delivered, its offsets were refused (the group
 * rebalanced, say), or the broker gave up on it — but the producer is fine: call {@code abortTransaction()}, then
 * redo the work in a new transaction. {@code runInTransaction} aborts by itself before it throws this.
 */
public sealed class AbortableTransactionException extends TransactionException permits TransactionTimeoutException {

    /** For the producer with {@code transactionalId}; {@code message} says what went wrong. */
    public AbortableTransactionException(String transactionalId, String message, Throwable cause) {
        super(transactionalId, message + ". Abort the transaction, then try the work again in a new one", cause);
    }

    AbortableTransactionException(AbortableTransactionException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new AbortableTransactionException(this);
    }
}

package dev.gregor;

/**
 * The transactional producer cannot go on (it is not allowed to use its transactional id, the broker refused the
 * transaction in a way that cannot be retried, or — {@link ProducerFencedException} — another instance took over):
 * close it. Whatever its open transaction wrote is aborted, by the producer or by the coordinator.
 */
public sealed class FatalTransactionException extends TransactionException permits ProducerFencedException {

    /** For the producer with {@code transactionalId}; {@code message} says what went wrong and what to do. */
    public FatalTransactionException(String transactionalId, String message, Throwable cause) {
        super(transactionalId, message, cause);
    }

    FatalTransactionException(FatalTransactionException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new FatalTransactionException(this);
    }
}

package dev.gregor;

/**
 * Another producer with the same transactional id started (a restarted instance, say), and the coordinator fenced
 * this one: its open transaction is aborted and it can never write again. Close it. Two live instances must not
 * share a transactional id; a restart that reuses it is what fencing is for.
 */
public final class ProducerFencedException extends FatalTransactionException {

    /** For the producer with {@code transactionalId}; {@code detail} says where the fence was seen. */
    public ProducerFencedException(String transactionalId, String detail) {
        super(transactionalId, "fenced: another producer with this transactional id started since (" + detail
                + "). This one can no longer write; close it. Give each live instance its own transactional id", null);
    }

    private ProducerFencedException(ProducerFencedException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new ProducerFencedException(this);
    }
}

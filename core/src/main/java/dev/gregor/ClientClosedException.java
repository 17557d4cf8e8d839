package dev.gregor;

/** An operation on a client, producer or consumer that was already closed. */
public final class ClientClosedException extends KafkaException {

    /** For {@code what} ("producer for topic 'orders'", …) being closed. */
    public ClientClosedException(String what) {
        super("The " + what + " is closed; create a new one");
    }

    private ClientClosedException(ClientClosedException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new ClientClosedException(this);
    }
}

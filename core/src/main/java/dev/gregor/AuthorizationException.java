package dev.gregor;

/** The broker refused an operation because the client's principal lacks the ACL for it. */
public final class AuthorizationException extends KafkaException {

    /** For the refused {@code operation} on {@code resource} (e.g. "topic 'orders'"). */
    public AuthorizationException(String operation, String resource) {
        super("Not authorized to " + operation + " " + resource + ": grant the client's principal that ACL");
    }

    private AuthorizationException(AuthorizationException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new AuthorizationException(this);
    }
}

package dev.gregor;

/**
 * The client could not prove who it is to a broker, or the broker could not prove who it is to the client: wrong
 * SASL credentials, a mechanism the broker does not enable, an untrusted certificate, a certificate for another host.
 * Retrying does not help; the message names the broker, the mechanism (or TLS) and what to check.
 */
public final class AuthenticationException extends KafkaException {

    /** With a message naming the broker, the mechanism and the fix. */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    private AuthenticationException(AuthenticationException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new AuthenticationException(this);
    }
}

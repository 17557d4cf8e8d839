package dev.gregor.internal.security;

/**
 * The client side of one SASL exchange: the first message, then a reply to each server challenge, until complete.
 * One instance per authentication.
 */
public interface SaslMechanismClient {

    /** The client's first message. */
    byte[] firstMessage();

    /**
     * The reply to the server's {@code challenge}, or null when the exchange is complete and nothing is to be sent.
     *
     * @throws dev.gregor.AuthenticationException if the server's answer proves it wrong (for example a SCRAM server
     *                                           signature that does not verify)
     */
    byte[] reply(byte[] challenge);

    /** Who is authenticating, for messages (never a secret). */
    String principal();
}

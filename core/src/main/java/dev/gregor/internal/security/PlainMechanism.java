package dev.gregor.internal.security;

import java.nio.charset.StandardCharsets;

/** SASL/PLAIN (RFC 4616): one message with the user name and password, no authorisation identity. */
final class PlainMechanism implements SaslMechanismClient {

    private final String username;
    private final String password;

    PlainMechanism(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public byte[] firstMessage() {
        return ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] reply(byte[] challenge) {
        return null;
    }

    @Override
    public String principal() {
        return "user '" + username + "'";
    }
}

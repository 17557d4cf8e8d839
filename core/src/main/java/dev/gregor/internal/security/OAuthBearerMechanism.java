package dev.gregor.internal.security;

import java.nio.charset.StandardCharsets;

import dev.gregor.security.OAuthBearerToken;

/**
 * SASL/OAUTHBEARER (RFC 7628): the bearer token in one message. A server that refuses the token answers with an
 * error challenge, which the client acknowledges with a single 0x01 so that the server can fail the exchange.
 */
final class OAuthBearerMechanism implements SaslMechanismClient {

    private static final byte SEPARATOR = 0x01;

    private final OAuthBearerToken token;

    OAuthBearerMechanism(OAuthBearerToken token) {
        this.token = token;
    }

    @Override
    public byte[] firstMessage() {
        return ("n,," + (char) SEPARATOR + "auth=Bearer " + token.value() + (char) SEPARATOR + (char) SEPARATOR)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] reply(byte[] challenge) {
        return challenge.length == 0 ? null : new byte[] {SEPARATOR};
    }

    @Override
    public String principal() {
        return "principal '" + token.principal() + "'";
    }
}

package dev.gregor.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for SASL/OAUTHBEARER: its compact serialisation, the principal it names and when it expires.
 * Its {@link #toString()} never shows the token itself.
 *
 * @param value     the token as sent to the broker (for a JWT: {@code header.payload.signature})
 * @param principal the principal the token identifies, for messages
 * @param expiresAt when the token stops being valid; the broker ends the session by then at the latest
 */
public record OAuthBearerToken(String value, String principal, Instant expiresAt) {

    /** Checks that every part is present. */
    public OAuthBearerToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "OAuthBearerToken[principal=" + principal + ", expiresAt=" + expiresAt + ", value=(hidden)]";
    }
}

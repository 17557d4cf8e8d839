package dev.gregor.security;

/** The SASL mechanisms Gregor speaks, with the names brokers know them by. */
public enum SaslMechanism {

    /** User name and password sent as they are (RFC 4616): use it over TLS only. */
    PLAIN("PLAIN"),
    /** Salted challenge-response with SHA-256 (RFC 5802, RFC 7677): the password never crosses the wire. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** Salted challenge-response with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512"),
    /** An OAuth 2 bearer token (RFC 7628), from an {@link OAuthBearerTokenProvider}. */
    OAUTHBEARER("OAUTHBEARER");

    private final String wireName;

    SaslMechanism(String wireName) {
        this.wireName = wireName;
    }

    /** The name sent in SaslHandshake and configured in {@code sasl.enabled.mechanisms}. */
    public String wireName() {
        return wireName;
    }

    /** The mechanism called {@code name} ({@code SCRAM-SHA-256} or {@code SCRAM_SHA_256}, any case). */
    public static SaslMechanism fromName(String name) {
        for (SaslMechanism mechanism : values()) {
            if (mechanism.wireName.equalsIgnoreCase(name) || mechanism.name().equalsIgnoreCase(name)) {
                return mechanism;
            }
        }
        throw new dev.gregor.InvalidConfigException("sasl mechanism", name, "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER");
    }
}

package dev.gregor.security;

/** How the client's connections are protected; the names are Kafka's {@code security.protocol} values. */
public enum SecurityProtocol {

    /** Neither encrypted nor authenticated. */
    PLAINTEXT,
    /** TLS: encrypted, the broker proves its identity, and with a client certificate the client does too (mTLS). */
    SSL,
    /** SASL authentication over an unencrypted connection (the credentials of PLAIN travel in clear). */
    SASL_PLAINTEXT,
    /** SASL authentication over TLS: what most secured clusters expect. */
    SASL_SSL;

    /** Whether connections start with a TLS handshake. */
    public boolean usesTls() {
        return this == SSL || this == SASL_SSL;
    }

    /** Whether connections authenticate with SASL once open. */
    public boolean usesSasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }
}

package dev.gregor.testkit;

/**
 * The client listeners of an {@link EmbeddedKafkaCluster}. Every cluster has {@link #PLAINTEXT}; a cluster built
 * with {@link EmbeddedKafkaCluster.Builder#secured()} has all of them, each on its own port of every broker.
 */
public enum Listener {

    /** No TLS, no authentication (also the brokers' own listener). */
    PLAINTEXT("PLAINTEXT"),
    /** TLS with the testkit's broker certificate; no client certificate asked for. */
    SSL("SSL"),
    /** TLS that requires a client certificate signed by the testkit's CA (mutual TLS). */
    MTLS("SSL"),
    /** SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER) without TLS. */
    SASL_PLAINTEXT("SASL_PLAINTEXT"),
    /** SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER) over TLS. */
    SASL_SSL("SASL_SSL"),
    /** TLS with a certificate issued for another host name, to test host name verification. */
    SSL_OTHER_HOST("SSL");

    private final String securityProtocol;

    Listener(String securityProtocol) {
        this.securityProtocol = securityProtocol;
    }

    /** The Kafka security protocol this listener speaks. */
    public String securityProtocol() {
        return securityProtocol;
    }
}

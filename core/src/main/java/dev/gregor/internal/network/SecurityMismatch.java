package dev.gregor.internal.network;

import java.util.List;

import dev.gregor.AuthenticationException;
import dev.gregor.security.SecurityProtocol;

/**
 * The errors for a client whose security protocol is not the listener's, as soon as the broker gives it away: a TLS
 * record where a Kafka response should be, a TLS handshake the broker hangs up on, or a SASL handshake answered with
 * the mechanisms of a listener the client has no credentials for.
 * Each names what the broker showed and the setting to change.
 */
final class SecurityMismatch {

    private static final String SETTING = ", with KafkaClient.builder().securityProtocol(...) or, in Spring,"
            + " gregor.security.protocol";

    private SecurityMismatch() {
    }

    /** The broker answered a plain-text request with TLS: its listener is SSL or SASL_SSL. */
    static AuthenticationException tlsListener(BrokerAddress broker, SecurityProtocol client) {
        return new AuthenticationException("Broker " + broker + " answered with TLS: its listener uses SSL or SASL_SSL,"
                + " but the client's security protocol is " + client + ". Set the security protocol to "
                + (client.usesSasl() ? "SASL_SSL" : "SSL (SASL_SSL if the listener also wants credentials)") + SETTING
                + ", or connect to a listener that speaks " + client + ".", null);
    }

    /** The broker hung up during the TLS handshake without sending any TLS: its listener is PLAINTEXT or SASL_PLAINTEXT. */
    static AuthenticationException plaintextListener(BrokerAddress broker, SecurityProtocol client) {
        return new AuthenticationException("Broker " + broker + " closed the connection during the TLS handshake"
                + " without answering it: its listener most likely does not use TLS (PLAINTEXT or SASL_PLAINTEXT), but"
                + " the client's security protocol is " + client + ". Set the security protocol to "
                + (client.usesSasl() ? "SASL_PLAINTEXT" : "PLAINTEXT (SASL_PLAINTEXT if the listener wants credentials)")
                + SETTING + ", or connect to the broker's TLS listener. If the broker was only restarting, asking"
                + " again succeeds once it is back.", null);
    }

    /** The broker answered the client's probe with the SASL mechanisms it offers: its listener wants SASL. */
    static AuthenticationException saslListener(BrokerAddress broker, SecurityProtocol client, List<String> mechanisms) {
        return new AuthenticationException("Broker " + broker + " requires SASL authentication (it offers " + mechanisms
                + "), but the client's security protocol is " + client + ". Set the security protocol to "
                + (client.usesTls() ? "SASL_SSL" : "SASL_PLAINTEXT") + SETTING + ", with credentials (sasl(SaslConfig...),"
                + " in Spring gregor.sasl.*), or connect to a listener that speaks " + client + ".", null);
    }
}

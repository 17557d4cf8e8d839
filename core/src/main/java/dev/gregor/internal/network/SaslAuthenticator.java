package dev.gregor.internal.network;

import java.util.concurrent.CompletableFuture;

import dev.gregor.AuthenticationException;
import dev.gregor.KafkaException;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.SaslAuthenticateRequest;
import dev.gregor.internal.protocol.message.SaslAuthenticateResponse;
import dev.gregor.internal.protocol.message.SaslHandshakeRequest;
import dev.gregor.internal.protocol.message.SaslHandshakeResponse;
import dev.gregor.internal.security.SaslMechanismClient;
import dev.gregor.internal.security.SaslMechanisms;
import dev.gregor.security.SaslConfig;

/**
 * Authenticates a connection with SASL the way Kafka 1.0+ brokers expect: SaslHandshake naming the mechanism, then
 * the mechanism's messages wrapped in SaslAuthenticate requests. The same steps re-authenticate an open connection
 * (KIP-368). Completes with the session lifetime the broker grants (0 when it sets none).
 */
final class SaslAuthenticator {

    private final BrokerConnection connection;
    private final SaslConfig config;

    SaslAuthenticator(BrokerConnection connection, SaslConfig config) {
        this.connection = connection;
        this.config = config;
    }

    CompletableFuture<Long> authenticate() {
        String mechanism = config.mechanism().wireName();
        return connection.<SaslHandshakeResponse>send(ApiKey.SASL_HANDSHAKE, new SaslHandshakeRequest().setMechanism(mechanism))
                .thenCompose(response -> {
                    response.release();
                    ErrorCode error = ErrorCode.forCode(response.errorCode());
                    if (error == ErrorCode.UNSUPPORTED_SASL_MECHANISM) {
                        throw new AuthenticationException("Broker " + connection.address() + " does not enable SASL"
                                + " mechanism " + mechanism + "; it offers " + response.mechanisms()
                                + ". Configure one of those (SaslConfig) or enable " + mechanism + " on the broker.", null);
                    }
                    if (error != ErrorCode.NONE) {
                        throw new AuthenticationException("Broker " + connection.address() + " refused the SASL handshake"
                                + " for " + mechanism + ": " + ErrorCode.describe(response.errorCode()), null);
                    }
                    SaslMechanismClient exchange = SaslMechanisms.client(config);
                    return step(exchange, exchange.firstMessage());
                });
    }

    private CompletableFuture<Long> step(SaslMechanismClient exchange, byte[] message) {
        return connection.<SaslAuthenticateResponse>send(ApiKey.SASL_AUTHENTICATE, new SaslAuthenticateRequest().setAuthBytes(message))
                .thenCompose(response -> {
                    response.release();
                    if (response.errorCode() != ErrorCode.NONE.code()) {
                        throw failed(exchange, response);
                    }
                    byte[] reply;
                    try {
                        reply = exchange.reply(response.authBytes() == null ? new byte[0] : response.authBytes());
                    } catch (KafkaException e) {
                        throw new AuthenticationException(describe(exchange) + " failed: " + e.getMessage(), e);
                    }
                    return reply == null
                            ? CompletableFuture.completedFuture(response.sessionLifetimeMs())
                            : step(exchange, reply);
                });
    }

    private AuthenticationException failed(SaslMechanismClient exchange, SaslAuthenticateResponse response) {
        String reason = response.errorMessage() != null ? response.errorMessage() : ErrorCode.describe(response.errorCode());
        String fix = switch (config.mechanism()) {
            case OAUTHBEARER -> "Check the token provider: the token must be valid, unexpired and accepted by the broker.";
            default -> "Check the user name and password (and, for SCRAM, that the user has credentials for "
                    + config.mechanism().wireName() + ").";
        };
        return new AuthenticationException(describe(exchange) + " failed: " + reason + ". " + fix, null);
    }

    private String describe(SaslMechanismClient exchange) {
        return "SASL " + config.mechanism().wireName() + " authentication of " + exchange.principal() + " with broker "
                + connection.address();
    }
}

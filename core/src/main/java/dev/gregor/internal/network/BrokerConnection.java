package dev.gregor.internal.network;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.gregor.BrokerUnavailableException;
import dev.gregor.ProtocolException;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ApiVersionsRequest;
import dev.gregor.internal.protocol.message.ApiVersionsResponse;
import dev.gregor.internal.protocol.message.SaslHandshakeRequest;
import dev.gregor.internal.protocol.message.SaslHandshakeResponse;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open connection to one broker whose API versions are known, authenticated when the client uses SASL. Requests
 * may be sent from any thread; they are pipelined on the one channel, and each response completes its own future.
 * When the broker limits the SASL session's lifetime, the connection re-authenticates before it ends (KIP-368),
 * holding new requests back meanwhile so that none is lost or sent unauthenticated.
 */
public final class BrokerConnection {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
    private static final String SOFTWARE_NAME = "gregor";
    private static final String SOFTWARE_VERSION = "0.1.0";
    private static final String PROBE_MECHANISM = "GREGOR-NO-SASL";

    private final Channel channel;
    private final BrokerAddress address;
    private final ApiVersionTable versions;
    private final long requestTimeoutMillis;

    private BrokerConnection(Channel channel, BrokerAddress address, ApiVersionTable versions, long requestTimeoutMillis) {
        this.channel = channel;
        this.address = address;
        this.versions = versions;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /**
     * Connects to {@code address}, negotiates API versions and authenticates; the future fails with a clear reason if
     * any step fails ({@link dev.gregor.AuthenticationException} for TLS and SASL refusals).
     */
    static CompletableFuture<BrokerConnection> open(Transport transport, BrokerAddress address) {
        long timeout = transport.settings().requestTimeout().toMillis();
        SaslConfig sasl = transport.settings().security().sasl();
        return transport.open(address).thenCompose(channel -> negotiate(channel, address, timeout, ApiKey.API_VERSIONS.highestVersion())
                .thenCompose(connection -> sasl == null
                        ? connection.refuseSaslListener(transport.settings().security().protocol())
                        : connection.authenticate(sasl, transport.counters()).thenApply(ignored -> connection))
                .whenComplete((connection, failure) -> {
                    if (failure != null) {
                        channel.close();
                    } else {
                        transport.counters().connectionOpened();
                        transport.clientCounters().connectionOpened();
                        channel.closeFuture().addListener(closed -> transport.clientCounters().connectionClosed());
                    }
                }));
    }

    /**
     * Asks, for a client without SASL, whether the listener wants SASL, with a handshake for a mechanism no broker
     * offers: a listener without SASL answers ILLEGAL_SASL_STATE, one with SASL lists its mechanisms (and would close
     * the connection at the client's first other request, which the client could only retry until its timeout).
     */
    private CompletableFuture<BrokerConnection> refuseSaslListener(SecurityProtocol protocol) {
        return this.<SaslHandshakeResponse>send(ApiKey.SASL_HANDSHAKE, new SaslHandshakeRequest().setMechanism(PROBE_MECHANISM))
                .thenApply(response -> {
                    response.release();
                    if (response.errorCode() == ErrorCode.UNSUPPORTED_SASL_MECHANISM.code()) {
                        throw SecurityMismatch.saslListener(address, protocol, response.mechanisms());
                    }
                    return this;
                });
    }

    /** Authenticates (or re-authenticates) with SASL, and plans the next re-authentication the session needs. */
    private CompletableFuture<Void> authenticate(SaslConfig sasl, NetworkCounters counters) {
        return new SaslAuthenticator(this, sasl).authenticate().thenAccept(lifetimeMillis -> {
            counters.authenticated();
            if (lifetimeMillis > 0) {
                // Like Kafka's clients: somewhere between 85% and 95% of the lifetime, so connections spread out.
                long delay = (long) (lifetimeMillis * (0.85 + 0.10 * ThreadLocalRandom.current().nextDouble()));
                channel.eventLoop().schedule(() -> reauthenticate(sasl, counters), delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void reauthenticate(SaslConfig sasl, NetworkCounters counters) {
        if (!channel.isActive()) {
            return;
        }
        channel.pipeline().fireUserEventTriggered(KafkaClientCodec.Gate.HOLD);
        authenticate(sasl, counters).whenComplete((ignored, failure) -> channel.eventLoop().execute(() -> {
            if (failure != null) {
                log.warn("Re-authenticating with broker {} failed; closing the connection: {}", address,
                        Futures.unwrap(failure).getMessage());
                channel.close();
            } else {
                log.debug("Re-authenticated with broker {}", address);
                channel.pipeline().fireUserEventTriggered(KafkaClientCodec.Gate.RELEASE);
            }
        }));
    }

    private static CompletableFuture<BrokerConnection> negotiate(Channel channel, BrokerAddress address, long timeout,
                                                                 short version) {
        ApiVersionsRequest request = new ApiVersionsRequest();
        if (version >= 3) {
            request.setClientSoftwareName(SOFTWARE_NAME).setClientSoftwareVersion(SOFTWARE_VERSION);
        }
        return send(channel, new OutboundRequest(ApiKey.API_VERSIONS, version, request, true, timeout))
                .thenCompose(message -> {
                    ApiVersionsResponse response = (ApiVersionsResponse) message;
                    ErrorCode error = ErrorCode.forCode(response.errorCode());
                    if (error == ErrorCode.UNSUPPORTED_VERSION) {
                        short brokerHighest = brokerHighestApiVersions(response);
                        if (brokerHighest < version && brokerHighest >= ApiKey.API_VERSIONS.lowestVersion()) {
                            return negotiate(channel, address, timeout, brokerHighest);
                        }
                    }
                    if (error != ErrorCode.NONE) {
                        return CompletableFuture.failedFuture(new ProtocolException("Broker " + address
                                + " refused ApiVersions: " + ErrorCode.describe(response.errorCode()), null));
                    }
                    return CompletableFuture.completedFuture(
                            new BrokerConnection(channel, address, ApiVersionTable.negotiate(response), timeout));
                });
    }

    private static short brokerHighestApiVersions(ApiVersionsResponse response) {
        return response.apiKeys().stream()
                .filter(api -> api.apiKey() == ApiKey.API_VERSIONS.id())
                .map(ApiVersionsResponse.ApiVersion::maxVersion)
                .findFirst().orElse((short) 0);
    }

    /** The broker's address. */
    public BrokerAddress address() {
        return address;
    }

    /** Whether the connection is still open. */
    public boolean isActive() {
        return channel.isActive();
    }

    /** Whether this broker speaks a version of {@code api} that Gregor speaks too. */
    public boolean supports(ApiKey api) {
        return versions.supports(api);
    }

    /** The version of {@code api} used with this broker (fails clearly if the broker has none Gregor speaks). */
    public short version(ApiKey api) {
        return versions.version(api);
    }

    /** What the broker offered in ApiVersions and the version of each API used with it. */
    public ApiVersionTable apiVersions() {
        return versions;
    }

    /**
     * Sends a request in the negotiated version and returns its response, which the caller must
     * {@link ProtocolMessage#release() release}. The request is released by the connection.
     */
    public <T extends ProtocolMessage> CompletableFuture<T> send(ApiKey api, ProtocolMessage request) {
        return send(api, request, java.time.Duration.ofMillis(requestTimeoutMillis));
    }

    /**
     * As {@link #send(ApiKey, ProtocolMessage)}, waiting up to {@code timeout} for the answer: for requests the
     * broker holds on purpose, such as JoinGroup during a rebalance.
     */
    @SuppressWarnings("unchecked")
    public <T extends ProtocolMessage> CompletableFuture<T> send(ApiKey api, ProtocolMessage request, java.time.Duration timeout) {
        short version;
        try {
            version = version(api);
        } catch (ProtocolException e) {
            request.release();
            return CompletableFuture.failedFuture(e);
        }
        return (CompletableFuture<T>) send(channel,
                new OutboundRequest(api, version, request, true, timeout.toMillis()));
    }

    /**
     * Sends a request in an explicit version, optionally one the broker does not answer (Produce with acks=0,
     * whose future completes with {@code null} once written).
     */
    public CompletableFuture<ProtocolMessage> send(ApiKey api, short version, ProtocolMessage request,
                                                   boolean expectsResponse) {
        return send(channel, new OutboundRequest(api, version, request, expectsResponse, requestTimeoutMillis));
    }

    private static CompletableFuture<ProtocolMessage> send(Channel channel, OutboundRequest request) {
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                request.releaseBody();
                request.response().completeExceptionally(
                        new BrokerUnavailableException(String.valueOf(channel.remoteAddress()), written.cause()));
            }
        });
        return request.response();
    }

    /** Closes the connection; requests still waiting fail with {@link BrokerUnavailableException}. */
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "BrokerConnection[" + address + (isActive() ? "" : ", closed") + "]";
    }
}

package dev.gregor.internal.group;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaException;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.FindCoordinatorRequest;
import dev.gregor.internal.protocol.message.FindCoordinatorResponse;

/**
 * The connection to a consumer group's coordinator: found with FindCoordinator (any broker answers), kept while
 * it works, and looked up again after {@link #forget()} (the coordinator moved) or a dropped connection.
 */
public final class GroupCoordinatorLookup {

    private final String group;
    private final MetadataCache metadata;
    private final BrokerConnections connections;
    private final String channel;
    private final byte keyType;
    private volatile CompletableFuture<BrokerConnection> coordinator;
    private volatile String lastFound;

    /**
     * The coordinator of {@code group}, found through the brokers {@code metadata} reaches, reached over the
     * connection named {@code channel} ("" for the client's shared one).
     */
    public GroupCoordinatorLookup(String group, MetadataCache metadata, BrokerConnections connections, String channel) {
        this(group, (byte) 0, metadata, connections, channel);
    }

    /** The transaction coordinator of {@code transactionalId}, over the client's shared connection. */
    public static GroupCoordinatorLookup forTransactions(String transactionalId, MetadataCache metadata,
                                                        BrokerConnections connections) {
        return new GroupCoordinatorLookup(transactionalId, (byte) 1, metadata, connections, "");
    }

    private GroupCoordinatorLookup(String group, byte keyType, MetadataCache metadata, BrokerConnections connections,
                                   String channel) {
        this.keyType = keyType;
        this.group = group;
        this.metadata = metadata;
        this.connections = connections;
        this.channel = channel;
    }

    /** The coordinator's connection: the known one if it is open, or a fresh lookup. */
    public CompletableFuture<BrokerConnection> connection() {
        CompletableFuture<BrokerConnection> known = coordinator;
        if (known != null && (!known.isDone() || (!known.isCompletedExceptionally() && known.join().isActive()))) {
            return known;
        }
        CompletableFuture<BrokerConnection> found = metadata.anyConnection().thenCompose(this::find);
        found.whenComplete((connection, failure) -> {
            if (failure != null && coordinator == found) {
                coordinator = null;
            }
        });
        coordinator = found;
        return found;
    }

    /** Forgets the coordinator (it answered NOT_COORDINATOR or is unavailable), so the next call looks it up again. */
    public void forget() {
        coordinator = null;
    }

    /**
     * The coordinator the last successful lookup named ("broker 1 at 127.0.0.1:9093"), kept after {@link #forget()}
     * so that an error can say which broker stopped answering; "none found yet" before any lookup succeeded.
     */
    public String lastFound() {
        String found = lastFound;
        return found == null ? "none found yet" : found;
    }

    /** Closes a dedicated channel's connection (the member left). */
    public void close() {
        CompletableFuture<BrokerConnection> known = coordinator;
        coordinator = null;
        if (!channel.isEmpty() && known != null && known.isDone() && !known.isCompletedExceptionally()) {
            connections.release(known.join().address(), channel);
        }
    }

    private CompletableFuture<BrokerConnection> find(BrokerConnection any) {
        short version = any.version(ApiKey.FIND_COORDINATOR);
        FindCoordinatorRequest request = new FindCoordinatorRequest().setKeyType(keyType);
        if (version >= 4) {
            request.setCoordinatorKeys(List.of(group));
        } else {
            request.setKey(group);
        }
        return any.<FindCoordinatorResponse>send(ApiKey.FIND_COORDINATOR, request).thenCompose(response -> {
            short errorCode;
            int nodeId;
            String host;
            int port;
            if (version >= 4) {
                FindCoordinatorResponse.Coordinator found = response.coordinators().get(0);
                errorCode = found.errorCode();
                nodeId = found.nodeId();
                host = found.host();
                port = found.port();
            } else {
                errorCode = response.errorCode();
                nodeId = response.nodeId();
                host = response.host();
                port = response.port();
            }
            response.release();
            ErrorCode error = ErrorCode.forCode(errorCode);
            if (error != ErrorCode.NONE) {
                String what = keyType == 0 ? "consumer group '" + group + "'" : "transactional id '" + group + "'";
                KafkaException failure = error == ErrorCode.GROUP_AUTHORIZATION_FAILED
                        || error == ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED
                        ? new AuthorizationException("use", what)
                        : new BrokerUnavailableException("No coordinator for " + what + " yet (" + error.name()
                        + "); retrying");
                return CompletableFuture.failedFuture(failure);
            }
            lastFound = "broker " + nodeId + " at " + host + ":" + port;
            return connections.get(new BrokerAddress(host, port), channel);
        });
    }
}

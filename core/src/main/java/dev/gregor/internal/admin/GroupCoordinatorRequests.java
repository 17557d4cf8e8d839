package dev.gregor.internal.admin;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.gregor.Broker;
import dev.gregor.UnknownGroupException;
import dev.gregor.internal.group.GroupCoordinatorLookup;
import dev.gregor.internal.group.GroupErrors;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;

/**
 * Requests about one group to its coordinator: each answer read and released, the coordinator looked up again when
 * it moved, its error codes turned into exceptions that name the group.
 */
final class GroupCoordinatorRequests {

    private final String group;
    private final MetadataCache metadata;
    private final GroupCoordinatorLookup coordinator;

    GroupCoordinatorRequests(String group, MetadataCache metadata, BrokerConnections connections) {
        this.group = group;
        this.metadata = metadata;
        this.coordinator = new GroupCoordinatorLookup(group, metadata, connections, "");
    }

    /** The group's id. */
    String group() {
        return group;
    }

    /**
     * Sends the request {@code request} builds for the coordinator's version of {@code api} and reads the answer
     * with {@code read}, given the connection it came over.
     */
    <R extends ProtocolMessage, T> CompletableFuture<T> send(ApiKey api, Function<Short, ProtocolMessage> request,
                                                            BiFunction<R, BrokerConnection, T> read) {
        return coordinator.connection().thenCompose(connection -> connection.<R>send(api,
                        request.apply(connection.version(api)))
                .thenApply(response -> {
                    try {
                        return read.apply(response, connection);
                    } finally {
                        response.release();
                    }
                }));
    }

    /** Whether the coordinator speaks {@code api}, for a request a broker older than it may not know. */
    CompletableFuture<Boolean> supports(ApiKey api) {
        return coordinator.connection().thenApply(connection -> connection.supports(api));
    }

    /**
     * Throws what {@code code}, answered to {@code operation}, means (see {@link GroupErrors}); a group the
     * coordinator does not know is an {@link UnknownGroupException}.
     */
    void check(short code, String operation) {
        ErrorCode error = ErrorCode.forCode(code);
        if (error == ErrorCode.GROUP_ID_NOT_FOUND) {
            throw new UnknownGroupException(group);
        }
        GroupErrors.check(error, group, operation + " of group '" + group + "'", coordinator);
    }

    /**
     * Completes once the cluster metadata lists the brokers (a client's first call may come before its first metadata
     * answer), so that {@link #broker} can name the coordinator.
     */
    CompletableFuture<Void> brokersKnown() {
        return metadata.current().brokers().isEmpty() ? metadata.refreshAll().thenAccept(snapshot -> { })
                : CompletableFuture.completedFuture(null);
    }

    /** The broker behind {@code connection}, as the cluster metadata knows it. */
    Optional<Broker> broker(BrokerConnection connection) {
        return metadata.current().brokers().values().stream().filter(broker -> broker.host().equals(connection.address().host())
                && broker.port() == connection.address().port()).findFirst();
    }
}

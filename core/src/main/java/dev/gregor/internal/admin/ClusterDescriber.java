package dev.gregor.internal.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.admin.ApiSupport;
import dev.gregor.admin.BrokerDescription;
import dev.gregor.admin.ClusterDescription;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.ApiVersionTable;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.DescribeClusterRequest;
import dev.gregor.internal.protocol.message.DescribeClusterResponse;

/**
 * Describes the cluster: its id, controller and brokers from DescribeCluster (Metadata from brokers without it),
 * and the APIs each broker serves from the ApiVersions answer of Gregor's connection to it.
 */
final class ClusterDescriber {

    private final MetadataCache metadata;
    private final BrokerConnections connections;

    /** Describes the cluster {@code metadata} reaches, connecting to each broker through {@code connections}. */
    ClusterDescriber(MetadataCache metadata, BrokerConnections connections) {
        this.metadata = metadata;
        this.connections = connections;
    }

    /** The brokers' own picture of the cluster, every broker with its APIs. */
    CompletableFuture<ClusterDescription> describe() {
        return metadata.anyConnection().thenCompose(connection -> connection.apiVersions()
                        .used(ApiKey.DESCRIBE_CLUSTER).isPresent() ? askCluster(connection) : fromMetadata())
                .thenCompose(cluster -> {
                    List<CompletableFuture<BrokerDescription>> brokers = cluster.brokers().stream()
                            .sorted(Comparator.comparingInt(Broker::id))
                            .map(broker -> describe(broker, broker.id() == cluster.controllerId())).toList();
                    return CompletableFuture.allOf(brokers.toArray(CompletableFuture[]::new))
                            .thenApply(done -> new ClusterDescription(cluster.clusterId(),
                                    cluster.brokers().stream().filter(broker -> broker.id() == cluster.controllerId())
                                            .findFirst(),
                                    brokers.stream().map(CompletableFuture::join).toList()));
                });
    }

    /** The cluster's id, its controller's id and its brokers, as one broker reported them. */
    private record Reported(Optional<String> clusterId, int controllerId, List<Broker> brokers) {
    }

    private static CompletableFuture<Reported> askCluster(BrokerConnection connection) {
        return connection.<DescribeClusterResponse>send(ApiKey.DESCRIBE_CLUSTER, new DescribeClusterRequest())
                .thenApply(response -> {
                    try {
                        ErrorCode error = ErrorCode.forCode(response.errorCode());
                        if (error != ErrorCode.NONE) {
                            throw new BrokerErrorException("Describing the cluster through broker "
                                    + connection.address(), error.name() + (response.errorMessage() != null
                                    ? ": " + response.errorMessage() : ""), error.isRetriable());
                        }
                        return new Reported(Optional.ofNullable(response.clusterId()), response.controllerId(),
                                response.brokers().stream().map(broker -> new Broker(broker.brokerId(), broker.host(),
                                        broker.port(), Optional.ofNullable(broker.rack()))).toList());
                    } finally {
                        response.release();
                    }
                });
    }

    private CompletableFuture<Reported> fromMetadata() {
        return metadata.refreshAll().thenApply(snapshot -> new Reported(snapshot.clusterId(), snapshot.controllerId(),
                snapshot.sortedBrokers()));
    }

    /** {@code broker} with the APIs it offered Gregor's connection; none listed when it cannot be reached. */
    private CompletableFuture<BrokerDescription> describe(Broker broker, boolean controller) {
        return connections.get(new BrokerAddress(broker.host(), broker.port()))
                .thenApply(connection -> apis(connection.apiVersions()))
                .exceptionally(unreachable -> List.of())
                .thenApply(apis -> new BrokerDescription(broker, controller, apis));
    }

    private static List<ApiSupport> apis(ApiVersionTable table) {
        return table.offered().stream()
                .sorted(Comparator.comparingInt(ApiVersionTable.OfferedApi::key))
                .map(offered -> new ApiSupport(offered.key(),
                        offered.api().map(ApiKey::title).orElse("api-" + offered.key()),
                        offered.minVersion(), offered.maxVersion(),
                        offered.api().flatMap(table::used).map(used -> OptionalInt.of(used))
                                .orElse(OptionalInt.empty())))
                .toList();
    }
}

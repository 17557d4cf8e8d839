package dev.gregor.internal.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.admin.GroupListing;
import dev.gregor.admin.GroupType;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ListGroupsRequest;
import dev.gregor.internal.protocol.message.ListGroupsResponse;

/**
 * Lists the groups of the cluster: each broker coordinates some, so ListGroups goes to every broker and the answers
 * are merged. Brokers before ListGroups v5 (Kafka 3.8) report no type: they only run classic groups.
 */
final class GroupLister {

    private static final int FIRST_TYPED_VERSION = 5;

    private final MetadataCache metadata;
    private final BrokerConnections connections;

    GroupLister(MetadataCache metadata, BrokerConnections connections) {
        this.metadata = metadata;
        this.connections = connections;
    }

    /** Every group any broker coordinates, sorted by id. */
    CompletableFuture<List<GroupListing>> list() {
        return metadata.refreshAll().thenCompose(snapshot -> {
            List<CompletableFuture<List<GroupListing>>> answers = snapshot.sortedBrokers().stream()
                    .map(this::list).toList();
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(all -> {
                Map<String, GroupListing> byId = new TreeMap<>();
                answers.forEach(answer -> answer.join().forEach(group -> byId.put(group.groupId(), group)));
                return List.copyOf(byId.values());
            });
        });
    }

    private CompletableFuture<List<GroupListing>> list(Broker broker) {
        return connections.get(new BrokerAddress(broker.host(), broker.port())).thenCompose(connection -> {
            short version = connection.version(ApiKey.LIST_GROUPS);
            return connection.<ListGroupsResponse>send(ApiKey.LIST_GROUPS, new ListGroupsRequest())
                    .thenApply(response -> {
                        try {
                            ErrorCode error = ErrorCode.forCode(response.errorCode());
                            if (error != ErrorCode.NONE) {
                                throw new BrokerErrorException("Listing the groups of broker " + broker.id() + " at "
                                        + broker.host() + ":" + broker.port(), ErrorCode.describe(response.errorCode()),
                                        error.isRetriable());
                            }
                            return response.groups().stream().map(group -> new GroupListing(group.groupId(),
                                    version >= FIRST_TYPED_VERSION ? type(group.groupType()) : GroupType.CLASSIC,
                                    group.groupState(), group.protocolType())).toList();
                        } finally {
                            response.release();
                        }
                    });
        });
    }

    /** The type a broker names ("classic", "consumer", "share", "streams"). */
    private static GroupType type(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "classic" -> GroupType.CLASSIC;
            case "consumer" -> GroupType.CONSUMER;
            case "share" -> GroupType.SHARE;
            case "streams" -> GroupType.STREAMS;
            default -> GroupType.UNKNOWN;
        };
    }
}

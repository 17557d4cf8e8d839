package dev.gregor.internal.admin;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.gregor.AuthorizationException;
import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.InvalidConfigException;
import dev.gregor.admin.ConfigChange;
import dev.gregor.admin.ConfigEntry;
import dev.gregor.admin.ConfigResource;
import dev.gregor.admin.ConfigSource;
import dev.gregor.internal.client.ConfigRefusal;
import dev.gregor.internal.client.TopicAdmin;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.DescribeConfigsRequest;
import dev.gregor.internal.protocol.message.DescribeConfigsResponse;
import dev.gregor.internal.protocol.message.IncrementalAlterConfigsRequest;
import dev.gregor.internal.protocol.message.IncrementalAlterConfigsResponse;

/**
 * Reads and changes the configs of topics and brokers with DescribeConfigs and IncrementalAlterConfigs. A topic's
 * or every broker's configs are asked of any broker; one broker's of that broker, which alone knows them.
 */
final class ResourceConfigs {

    private static final byte TOPIC_TYPE = 2;
    private static final byte BROKER_TYPE = 4;
    private static final ConfigSource[] SOURCES = {ConfigSource.UNKNOWN, ConfigSource.TOPIC,
        ConfigSource.DYNAMIC_BROKER, ConfigSource.DYNAMIC_DEFAULT_BROKER, ConfigSource.STATIC_BROKER,
        ConfigSource.DEFAULT, ConfigSource.DYNAMIC_BROKER_LOGGER, ConfigSource.CLIENT_METRICS, ConfigSource.GROUP};

    private final MetadataCache metadata;
    private final BrokerConnections connections;

    /** Configs asked through {@code metadata}'s brokers, reached through {@code connections}. */
    ResourceConfigs(MetadataCache metadata, BrokerConnections connections) {
        this.metadata = metadata;
        this.connections = connections;
    }

    /** Every config of {@code resource}, sorted by name. */
    CompletableFuture<List<ConfigEntry>> describe(ConfigResource resource) {
        DescribeConfigsRequest request = new DescribeConfigsRequest().setResources(List.of(
                new DescribeConfigsRequest.DescribeConfigsResource().setResourceType(type(resource))
                        .setResourceName(resource.name()).setConfigurationKeys(null)));
        return connectionFor(resource)
                .thenCompose(connection -> connection.<DescribeConfigsResponse>send(ApiKey.DESCRIBE_CONFIGS, request))
                .thenApply(response -> {
                    try {
                        DescribeConfigsResponse.DescribeConfigsResult result = response.results().get(0);
                        check(resource, "describe the configs of", ErrorCode.forCode(result.errorCode()),
                                result.errorMessage(), Map.of());
                        return result.configs().stream().map(ResourceConfigs::entry)
                                .sorted(Comparator.comparing(ConfigEntry::name)).toList();
                    } finally {
                        response.release();
                    }
                });
    }

    /** Applies {@code changes} to {@code resource}, all of them or none. */
    CompletableFuture<Void> alter(ConfigResource resource, List<ConfigChange> changes) {
        IncrementalAlterConfigsRequest request = new IncrementalAlterConfigsRequest().setResources(List.of(
                new IncrementalAlterConfigsRequest.AlterConfigsResource().setResourceType(type(resource))
                        .setResourceName(resource.name()).setConfigs(changes.stream()
                                .map(change -> new IncrementalAlterConfigsRequest.AlterableConfig()
                                        .setName(change.name()).setConfigOperation(operation(change.operation()))
                                        .setValue(change.value()))
                                .toList())));
        Map<String, String> asked = new LinkedHashMap<>();
        changes.forEach(change -> asked.put(change.name(), change.value() != null ? change.value() : "(delete)"));
        return connectionFor(resource)
                .thenCompose(connection -> connection.<IncrementalAlterConfigsResponse>send(
                        ApiKey.INCREMENTAL_ALTER_CONFIGS, request))
                .thenAccept(response -> {
                    try {
                        IncrementalAlterConfigsResponse.AlterConfigsResourceResponse result = response.responses().get(0);
                        check(resource, "alter the configs of", ErrorCode.forCode(result.errorCode()),
                                result.errorMessage(), asked);
                    } finally {
                        response.release();
                    }
                });
    }

    /** Kafka's code of {@code operation} in IncrementalAlterConfigs. */
    private static byte operation(ConfigChange.Operation operation) {
        return switch (operation) {
            case SET -> 0;
            case DELETE -> 1;
            case APPEND -> 2;
            case SUBTRACT -> 3;
        };
    }

    private static byte type(ConfigResource resource) {
        return resource.type() == ConfigResource.Type.TOPIC ? TOPIC_TYPE : BROKER_TYPE;
    }

    /** Any broker for a topic or every broker's defaults; for one broker, that broker (a clear error if unknown). */
    private CompletableFuture<BrokerConnection> connectionFor(ConfigResource resource) {
        if (resource.type() == ConfigResource.Type.TOPIC || resource.name().isEmpty()) {
            return metadata.anyConnection();
        }
        return metadata.refreshAll().thenCompose(snapshot -> {
            Broker broker = brokerId(resource).map(snapshot.brokers()::get).orElseThrow(
                    () -> new InvalidConfigException("broker id", resource.name(), "the id of a live broker: "
                            + snapshot.brokers().keySet().stream().sorted().toList()));
            return connections.get(new BrokerAddress(broker.host(), broker.port()));
        });
    }

    private static Optional<Integer> brokerId(ConfigResource resource) {
        try {
            return Optional.of(Integer.parseInt(resource.name()));
        } catch (NumberFormatException notAnId) {
            return Optional.empty();
        }
    }

    /** Throws what {@code error} means for {@code operation} on {@code resource}, naming it; nothing for NONE. */
    private static void check(ConfigResource resource, String operation, ErrorCode error, String message,
                              Map<String, ?> asked) {
        if (resource.type() == ConfigResource.Type.TOPIC) {
            TopicAdmin.check(error, message, resource.name(), operation, asked);
            return;
        }
        switch (error) {
            case NONE -> { }
            case INVALID_CONFIG, INVALID_REQUEST -> throw ConfigRefusal.of(error, message,
                    resource.toString(), asked);
            case CLUSTER_AUTHORIZATION_FAILED -> throw new AuthorizationException(operation, resource.toString());
            default -> throw new BrokerErrorException("Trying to " + operation + " " + resource,
                    error.name() + (message != null ? ": " + message : ""), error.isRetriable());
        }
    }

    private static ConfigEntry entry(DescribeConfigsResponse.DescribeConfigsResourceResult config) {
        ConfigSource source = config.configSource() >= 0 && config.configSource() < SOURCES.length
                ? SOURCES[config.configSource()] : ConfigSource.UNKNOWN;
        return new ConfigEntry(config.name(), Optional.ofNullable(config.value()), source, config.readOnly(),
                config.isSensitive());
    }
}

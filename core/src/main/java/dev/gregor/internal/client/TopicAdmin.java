package dev.gregor.internal.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.InvalidConfigException;
import dev.gregor.TopicExistsException;
import dev.gregor.UnknownTopicException;
import dev.gregor.admin.TopicSpec;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.CreateTopicsRequest;
import dev.gregor.internal.protocol.message.CreateTopicsResponse;
import dev.gregor.internal.protocol.message.DeleteTopicsRequest;
import dev.gregor.internal.protocol.message.DeleteTopicsResponse;

/**
 * Creates and deletes topics. Kafka forwards these requests to its controller from any broker, so they go to
 * whichever broker answers.
 */
public final class TopicAdmin {

    /** Let the broker choose the partition count or replication factor (its {@code num.partitions} etc.). */
    public static final int BROKER_DEFAULT = TopicSpec.BROKER_DEFAULT;

    private final MetadataCache metadata;
    private final Duration timeout;

    /** Topic administration through the brokers {@code metadata} reaches, each operation bounded by {@code timeout}. */
    public TopicAdmin(MetadataCache metadata, Duration timeout) {
        this.metadata = metadata;
        this.timeout = timeout;
    }

    /** Creates a topic; {@link #BROKER_DEFAULT} for either number takes the broker's default. */
    public CompletableFuture<Void> create(String name, int partitions, int replicationFactor) {
        return create(TopicSpec.of(name, partitions, replicationFactor));
    }

    /** Creates a topic with the partitions, replication, configs and replica assignment {@code spec} gives. */
    public CompletableFuture<Void> create(TopicSpec spec) {
        CreateTopicsRequest request = new CreateTopicsRequest()
                .setTimeoutMs((int) timeout.toMillis())
                .setTopics(List.of(new CreateTopicsRequest.CreatableTopic()
                        .setName(spec.name())
                        .setNumPartitions(spec.partitions())
                        .setReplicationFactor((short) spec.replicationFactor())
                        .setAssignments(spec.replicaAssignment().entrySet().stream()
                                .map(partition -> new CreateTopicsRequest.CreatableReplicaAssignment()
                                        .setPartitionIndex(partition.getKey()).setBrokerIds(partition.getValue()))
                                .toList())
                        .setConfigs(spec.configs().entrySet().stream()
                                .map(config -> new CreateTopicsRequest.CreatableTopicConfig()
                                        .setName(config.getKey()).setValue(config.getValue()))
                                .toList())));
        return metadata.anyConnection()
                .thenCompose(connection -> connection.<CreateTopicsResponse>send(ApiKey.CREATE_TOPICS, request))
                .thenAccept(response -> {
                    CreateTopicsResponse.CreatableTopicResult result = response.topics().get(0);
                    response.release();
                    check(ErrorCode.forCode(result.errorCode()), result.errorMessage(), spec.name(), "create",
                            asked(spec));
                });
    }

    /** What {@code spec} asks for by name, for a refusal to name the part the brokers refused. */
    private static Map<String, Object> asked(TopicSpec spec) {
        Map<String, Object> asked = new LinkedHashMap<>(spec.configs());
        asked.put(ConfigRefusal.PARTITIONS, spec.partitions());
        asked.put(ConfigRefusal.REPLICATION_FACTOR, spec.replicationFactor());
        asked.put(ConfigRefusal.REPLICA_ASSIGNMENT, spec.replicaAssignment());
        return asked;
    }

    /** Deletes a topic and its data. */
    public CompletableFuture<Void> delete(String name) {
        DeleteTopicsRequest request = new DeleteTopicsRequest().setTimeoutMs((int) timeout.toMillis());
        return metadata.anyConnection().thenCompose(connection -> {
            if (connection.version(ApiKey.DELETE_TOPICS) >= 6) {
                request.setTopics(List.of(new DeleteTopicsRequest.DeleteTopicState().setName(name)));
            } else {
                request.setTopicNames(List.of(name));
            }
            return connection.<DeleteTopicsResponse>send(ApiKey.DELETE_TOPICS, request);
        }).thenAccept(response -> {
            DeleteTopicsResponse.DeletableTopicResult result = response.responses().get(0);
            response.release();
            check(ErrorCode.forCode(result.errorCode()), result.errorMessage(), name, "delete");
            metadata.forget(name);
        });
    }

    /** Throws what {@code error} means for {@code operation} ("delete", ...) on {@code topic}; nothing for NONE. */
    public static void check(ErrorCode error, String message, String topic, String operation) {
        check(error, message, topic, operation, Map.of());
    }

    /**
     * As {@link #check(ErrorCode, String, String, String)}; a refused config, partition count, replication factor
     * or replica assignment is an {@link InvalidConfigException} naming the one of {@code asked} (values by name)
     * the broker refused, with its words.
     */
    public static void check(ErrorCode error, String message, String topic, String operation, Map<String, ?> asked) {
        switch (error) {
            case NONE -> { }
            case INVALID_CONFIG, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, INVALID_REPLICA_ASSIGNMENT ->
                    throw ConfigRefusal.of(error, message, "topic '" + topic + "'", asked);
            case TOPIC_ALREADY_EXISTS -> throw new TopicExistsException(topic);
            case UNKNOWN_TOPIC_OR_PARTITION -> throw new UnknownTopicException(topic);
            case TOPIC_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED ->
                    throw new AuthorizationException(operation, "topic '" + topic + "'");
            default -> throw new BrokerErrorException("Trying to " + operation + " topic '" + topic + "'",
                    error.name() + (message != null ? ": " + message : ""), error.isRetriable());
        }
    }
}

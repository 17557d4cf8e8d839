package dev.gregor.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.InvalidConfigException;
import dev.gregor.TopicExistsException;
import dev.gregor.UnknownTopicException;
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
    public static final int BROKER_DEFAULT = -1;

    private final MetadataCache metadata;
    private final Duration timeout;

    /** Topic administration through the brokers {@code metadata} reaches, each operation bounded by {@code timeout}. */
    public TopicAdmin(MetadataCache metadata, Duration timeout) {
        this.metadata = metadata;
        this.timeout = timeout;
    }

    /** Creates a topic; {@link #BROKER_DEFAULT} for either number takes the broker's default. */
    public CompletableFuture<Void> create(String name, int partitions, int replicationFactor) {
        if (partitions == 0 || partitions < BROKER_DEFAULT) {
            throw new InvalidConfigException("partitions", partitions, "1 or more, or -1 for the broker's default");
        }
        if (replicationFactor == 0 || replicationFactor < BROKER_DEFAULT || replicationFactor > Short.MAX_VALUE) {
            throw new InvalidConfigException("replicationFactor", replicationFactor, "1 or more, or -1 for the broker's default");
        }
        CreateTopicsRequest request = new CreateTopicsRequest()
                .setTimeoutMs((int) timeout.toMillis())
                .setTopics(List.of(new CreateTopicsRequest.CreatableTopic()
                        .setName(name)
                        .setNumPartitions(partitions)
                        .setReplicationFactor((short) replicationFactor)));
        return metadata.anyConnection()
                .thenCompose(connection -> connection.<CreateTopicsResponse>send(ApiKey.CREATE_TOPICS, request))
                .thenAccept(response -> {
                    CreateTopicsResponse.CreatableTopicResult result = response.topics().get(0);
                    response.release();
                    check(ErrorCode.forCode(result.errorCode()), result.errorMessage(), name, "create");
                });
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
    static void check(ErrorCode error, String message, String topic, String operation) {
        switch (error) {
            case NONE -> { }
            case TOPIC_ALREADY_EXISTS -> throw new TopicExistsException(topic);
            case UNKNOWN_TOPIC_OR_PARTITION -> throw new UnknownTopicException(topic);
            case TOPIC_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED ->
                    throw new AuthorizationException(operation, "topic '" + topic + "'");
            default -> throw new BrokerErrorException("Trying to " + operation + " topic '" + topic + "'",
                    error.name() + (message != null ? ": " + message : ""), error.isRetriable());
        }
    }
}

package dev.gregor.internal.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.TopicPartition;
import dev.gregor.admin.ListedOffset;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ListOffsetsRequest;
import dev.gregor.internal.protocol.message.ListOffsetsResponse;

/**
 * Asks partition leaders for offsets with ListOffsets: the log end ({@link #LATEST}), the log start
 * ({@link #EARLIEST}), the record with the greatest timestamp ({@link #MAX_TIMESTAMP}), or the first offset at or
 * after a timestamp. One request per leader, carrying every topic that leader is asked about.
 */
public final class OffsetLookup {

    /** The offset the next record written will get. */
    public static final long LATEST = -1L;
    /** The first offset still in the log. */
    public static final long EARLIEST = -2L;
    /** The offset of the record with the greatest timestamp (brokers of Kafka 3.0 and newer). */
    public static final long MAX_TIMESTAMP = -3L;

    private static final long NONE = -1L;

    private final MetadataCache metadata;
    private final BrokerConnections connections;

    /** Lookups that find leaders through {@code metadata} and reach them through {@code connections}. */
    public OffsetLookup(MetadataCache metadata, BrokerConnections connections) {
        this.metadata = metadata;
        this.connections = connections;
    }

    /** Partition id to offset, for every partition of {@code topic}, at {@code timestamp} (or LATEST/EARLIEST). */
    public CompletableFuture<Map<Integer, Long>> offsets(String topic, long timestamp) {
        return metadata.topic(topic).thenCompose(described -> offsets(described.partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.id())).toList(), timestamp))
                .thenApply(found -> {
                    Map<Integer, Long> byId = new TreeMap<>();
                    found.forEach((partition, offset) -> byId.put(partition.partition(), offset));
                    return byId;
                });
    }

    /** The offset of each of {@code partitions}, of any topics, at {@code timestamp} (or LATEST/EARLIEST). */
    public CompletableFuture<Map<TopicPartition, Long>> offsets(Collection<TopicPartition> partitions, long timestamp) {
        return listed(partitions, timestamp).thenApply(listed -> {
            Map<TopicPartition, Long> offsets = new TreeMap<>();
            listed.forEach((partition, found) -> offsets.put(partition, found.offset()));
            return offsets;
        });
    }

    /**
     * The offset of each of {@code partitions} at {@code timestamp} (or one of the codes), with the timestamp of the
     * record there and the leader's epoch, as the leaders report them (an offset of -1 when no record is that late).
     */
    public CompletableFuture<Map<TopicPartition, ListedOffset>> listed(Collection<TopicPartition> partitions,
                                                                       long timestamp) {
        return PartitionLeaders.of(metadata, partitions, "Looking up offsets").thenCompose(byLeader -> {
            List<CompletableFuture<Map<TopicPartition, ListedOffset>>> answers = new ArrayList<>();
            byLeader.forEach((leader, led) -> answers.add(ask(leader, TopicPartitions.byTopic(led), timestamp)));
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(asked -> {
                Map<TopicPartition, ListedOffset> offsets = new TreeMap<>();
                answers.forEach(answer -> offsets.putAll(answer.join()));
                return offsets;
            });
        });
    }

    private CompletableFuture<Map<TopicPartition, ListedOffset>> ask(Broker leader,
                                                                     Map<String, List<Integer>> partitions,
                                                                     long timestamp) {
        ListOffsetsRequest request = new ListOffsetsRequest().setReplicaId(-1).setTopics(partitions.entrySet().stream()
                .map(topic -> new ListOffsetsRequest.ListOffsetsTopic().setName(topic.getKey()).setPartitions(
                        topic.getValue().stream().map(id -> new ListOffsetsRequest.ListOffsetsPartition()
                                .setPartitionIndex(id).setTimestamp(timestamp)).toList()))
                .toList());
        return connections.get(new BrokerAddress(leader.host(), leader.port()))
                .thenCompose(connection -> connection.<ListOffsetsResponse>send(ApiKey.LIST_OFFSETS, request))
                .thenApply(response -> {
                    try {
                        return offsetsOf(response);
                    } finally {
                        response.release();
                    }
                });
    }

    private Map<TopicPartition, ListedOffset> offsetsOf(ListOffsetsResponse response) {
        Map<TopicPartition, ListedOffset> offsets = new HashMap<>();
        for (ListOffsetsResponse.ListOffsetsTopicResponse topicResponse : response.topics()) {
            String topic = topicResponse.name();
            for (ListOffsetsResponse.ListOffsetsPartitionResponse partition : topicResponse.partitions()) {
                ErrorCode error = ErrorCode.forCode(partition.errorCode());
                if (error != ErrorCode.NONE) {
                    if (error.invalidatesMetadata()) {
                        metadata.invalidate(topic);
                    }
                    throw new BrokerErrorException("Looking up offsets of topic '" + topic + "' partition "
                            + partition.partitionIndex(), ErrorCode.describe(partition.errorCode()), error.isRetriable());
                }
                offsets.put(new TopicPartition(topic, partition.partitionIndex()), new ListedOffset(partition.offset(),
                        partition.timestamp() == NONE ? Optional.empty()
                                : Optional.of(Instant.ofEpochMilli(partition.timestamp())),
                        partition.leaderEpoch() == NONE ? Optional.empty() : Optional.of(partition.leaderEpoch())));
            }
        }
        return offsets;
    }
}

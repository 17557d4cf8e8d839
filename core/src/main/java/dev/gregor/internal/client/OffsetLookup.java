package dev.gregor.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.gregor.BrokerErrorException;
import dev.gregor.Broker;
import dev.gregor.Partition;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ListOffsetsRequest;
import dev.gregor.internal.protocol.message.ListOffsetsResponse;

/**
 * Asks partition leaders for offsets with ListOffsets: the log end ({@link #LATEST}), the log start
 * ({@link #EARLIEST}), or the first offset at or after a timestamp. One request per leader.
 */
public final class OffsetLookup {

    /** The offset the next record written will get. */
    public static final long LATEST = -1L;
    /** The first offset still in the log. */
    public static final long EARLIEST = -2L;

    private final MetadataCache metadata;
    private final BrokerConnections connections;

    /** Lookups that find leaders through {@code metadata} and reach them through {@code connections}. */
    public OffsetLookup(MetadataCache metadata, BrokerConnections connections) {
        this.metadata = metadata;
        this.connections = connections;
    }

    /** Partition id to offset, for every partition of {@code topic}, at {@code timestamp} (or LATEST/EARLIEST). */
    public CompletableFuture<Map<Integer, Long>> offsets(String topic, long timestamp) {
        return metadata.topic(topic).thenCompose(described -> {
            Map<Broker, List<Integer>> byLeader = byLeader(described);
            List<CompletableFuture<Map<Integer, Long>>> answers = new ArrayList<>();
            byLeader.forEach((leader, partitions) -> answers.add(ask(leader, topic, partitions, timestamp)));
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<Integer, Long> offsets = new TreeMap<>();
                answers.forEach(answer -> offsets.putAll(answer.join()));
                return offsets;
            });
        });
    }

    private Map<Broker, List<Integer>> byLeader(TopicMetadata topic) {
        Map<Broker, List<Integer>> byLeader = new HashMap<>();
        for (Partition partition : topic.partitions()) {
            Broker leader = partition.leader().orElseThrow(() -> {
                metadata.invalidate(topic.name());
                return new BrokerErrorException("Looking up offsets of topic '" + topic.name() + "' partition "
                        + partition.id(), "LEADER_NOT_AVAILABLE (an election is under way; retry shortly)", true);
            });
            byLeader.computeIfAbsent(leader, broker -> new ArrayList<>()).add(partition.id());
        }
        return byLeader;
    }

    private CompletableFuture<Map<Integer, Long>> ask(Broker leader, String topic, List<Integer> partitions, long timestamp) {
        ListOffsetsRequest request = new ListOffsetsRequest().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsRequest.ListOffsetsTopic().setName(topic).setPartitions(partitions.stream()
                        .map(id -> new ListOffsetsRequest.ListOffsetsPartition().setPartitionIndex(id).setTimestamp(timestamp))
                        .toList())));
        return connections.get(new BrokerAddress(leader.host(), leader.port()))
                .thenCompose(connection -> connection.<ListOffsetsResponse>send(ApiKey.LIST_OFFSETS, request))
                .thenApply(response -> {
                    try {
                        return offsetsOf(response, topic);
                    } finally {
                        response.release();
                    }
                });
    }

    private Map<Integer, Long> offsetsOf(ListOffsetsResponse response, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        for (ListOffsetsResponse.ListOffsetsTopicResponse topicResponse : response.topics()) {
            for (ListOffsetsResponse.ListOffsetsPartitionResponse partition : topicResponse.partitions()) {
                ErrorCode error = ErrorCode.forCode(partition.errorCode());
                if (error != ErrorCode.NONE) {
                    if (error.invalidatesMetadata()) {
                        metadata.invalidate(topic);
                    }
                    throw new BrokerErrorException("Looking up offsets of topic '" + topic + "' partition "
                            + partition.partitionIndex(), ErrorCode.describe(partition.errorCode()), error.isRetriable());
                }
                offsets.put(partition.partitionIndex(), partition.offset());
            }
        }
        return offsets;
    }
}

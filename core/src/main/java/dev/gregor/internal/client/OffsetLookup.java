package dev.gregor.internal.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.Partition;
import dev.gregor.TopicPartition;
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
 * ({@link #EARLIEST}), or the first offset at or after a timestamp. One request per leader, carrying every topic
 * that leader is asked about.
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
        Set<String> topics = new TreeSet<>();
        partitions.forEach(partition -> topics.add(partition.topic()));
        List<CompletableFuture<TopicMetadata>> described = topics.stream().map(metadata::topic).toList();
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            Map<String, TopicMetadata> byName = new HashMap<>();
            described.forEach(topic -> byName.put(topic.join().name(), topic.join()));
            List<CompletableFuture<Map<TopicPartition, Long>>> answers = new ArrayList<>();
            byLeader(partitions, byName).forEach((leader, led) -> answers.add(ask(leader, led, timestamp)));
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(asked -> {
                Map<TopicPartition, Long> offsets = new TreeMap<>();
                answers.forEach(answer -> offsets.putAll(answer.join()));
                return offsets;
            });
        });
    }

    private Map<Broker, Map<String, List<Integer>>> byLeader(Collection<TopicPartition> partitions,
                                                             Map<String, TopicMetadata> topics) {
        Map<Broker, Map<String, List<Integer>>> byLeader = new HashMap<>();
        for (TopicPartition wanted : partitions) {
            Partition partition = topics.get(wanted.topic()).partition(wanted.partition());
            Broker leader = partition.leader().orElseThrow(() -> {
                metadata.invalidate(wanted.topic());
                return new BrokerErrorException("Looking up offsets of topic '" + wanted.topic() + "' partition "
                        + partition.id(), "LEADER_NOT_AVAILABLE (an election is under way; retry shortly)", true);
            });
            byLeader.computeIfAbsent(leader, broker -> new TreeMap<>())
                    .computeIfAbsent(wanted.topic(), topic -> new ArrayList<>()).add(partition.id());
        }
        return byLeader;
    }

    private CompletableFuture<Map<TopicPartition, Long>> ask(Broker leader, Map<String, List<Integer>> partitions,
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

    private Map<TopicPartition, Long> offsetsOf(ListOffsetsResponse response) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
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
                offsets.put(new TopicPartition(topic, partition.partitionIndex()), partition.offset());
            }
        }
        return offsets;
    }
}

package dev.gregor.internal.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.client.PartitionLeaders;
import dev.gregor.internal.client.TopicAdmin;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.DeleteRecordsRequest;
import dev.gregor.internal.protocol.message.DeleteRecordsResponse;

/**
 * Deletes the records before given offsets with DeleteRecords: one request to each leader, for every partition it
 * leads. An offset out of the partition's range is refused, naming the range it has.
 */
final class RecordDeletion {

    private final MetadataCache metadata;
    private final BrokerConnections connections;
    private final OffsetLookup offsets;
    private final Duration timeout;

    /** Deletion through the leaders {@code metadata} names, each request bounded by {@code timeout}. */
    RecordDeletion(MetadataCache metadata, BrokerConnections connections, OffsetLookup offsets, Duration timeout) {
        this.metadata = metadata;
        this.connections = connections;
        this.offsets = offsets;
        this.timeout = timeout;
    }

    /** Each partition's new low watermark after deleting what lies before its offset in {@code beforeOffsets}. */
    CompletableFuture<Map<TopicPartition, Long>> delete(Map<TopicPartition, Long> beforeOffsets) {
        return PartitionLeaders.of(metadata, beforeOffsets.keySet(), "Deleting records").thenCompose(byLeader -> {
            List<CompletableFuture<Map<TopicPartition, Long>>> answers = new ArrayList<>();
            byLeader.forEach((leader, led) -> answers.add(ask(leader, led, beforeOffsets)));
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<TopicPartition, Long> watermarks = new TreeMap<>();
                answers.forEach(answer -> watermarks.putAll(answer.join()));
                return watermarks;
            });
        });
    }

    private CompletableFuture<Map<TopicPartition, Long>> ask(Broker leader, List<TopicPartition> led,
                                                             Map<TopicPartition, Long> beforeOffsets) {
        Map<String, List<DeleteRecordsRequest.DeleteRecordsPartition>> byTopic = new TreeMap<>();
        led.forEach(partition -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>())
                .add(new DeleteRecordsRequest.DeleteRecordsPartition().setPartitionIndex(partition.partition())
                        .setOffset(beforeOffsets.get(partition))));
        DeleteRecordsRequest request = new DeleteRecordsRequest().setTimeoutMs((int) timeout.toMillis())
                .setTopics(byTopic.entrySet().stream().map(topic -> new DeleteRecordsRequest.DeleteRecordsTopic()
                        .setName(topic.getKey()).setPartitions(topic.getValue())).toList());
        return connections.get(new BrokerAddress(leader.host(), leader.port()))
                .thenCompose(connection -> connection.<DeleteRecordsResponse>send(ApiKey.DELETE_RECORDS, request))
                .thenCompose(response -> {
                    Map<TopicPartition, Long> watermarks = new HashMap<>();
                    Map<TopicPartition, ErrorCode> failed = new TreeMap<>();
                    for (DeleteRecordsResponse.DeleteRecordsTopicResult topic : response.topics()) {
                        for (DeleteRecordsResponse.DeleteRecordsPartitionResult partition : topic.partitions()) {
                            TopicPartition deleted = new TopicPartition(topic.name(), partition.partitionIndex());
                            ErrorCode error = ErrorCode.forCode(partition.errorCode());
                            if (error == ErrorCode.NONE) {
                                watermarks.put(deleted, partition.lowWatermark());
                            } else {
                                failed.put(deleted, error);
                            }
                        }
                    }
                    response.release();
                    return failed.isEmpty() ? CompletableFuture.completedFuture(watermarks)
                            : failure(failed.entrySet().iterator().next(), beforeOffsets);
                });
    }

    /** The error of the first partition refused, naming it; with the range it holds when the offset was out of it. */
    private CompletableFuture<Map<TopicPartition, Long>> failure(Map.Entry<TopicPartition, ErrorCode> refused,
                                                                 Map<TopicPartition, Long> beforeOffsets) {
        TopicPartition partition = refused.getKey();
        ErrorCode error = refused.getValue();
        String operation = "Deleting the records of topic '" + partition.topic() + "' partition "
                + partition.partition() + " before offset " + beforeOffsets.get(partition);
        if (error.invalidatesMetadata()) {
            metadata.invalidate(partition.topic());
        }
        if (error == ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
            TopicAdmin.check(error, null, partition.topic(), "delete the records of");
        }
        if (error != ErrorCode.OFFSET_OUT_OF_RANGE) {
            return CompletableFuture.failedFuture(new BrokerErrorException(operation, error.name(), error.isRetriable()));
        }
        List<TopicPartition> one = List.of(partition);
        return offsets.offsets(one, OffsetLookup.EARLIEST).thenCombine(offsets.offsets(one, OffsetLookup.LATEST),
                (earliest, latest) -> {
                    throw new BrokerErrorException(operation, "OFFSET_OUT_OF_RANGE (the partition holds offsets "
                            + earliest.get(partition) + " to " + latest.get(partition) + "; give an offset in that"
                            + " range, or Admin.ALL_RECORDS for every record)", false);
                });
    }
}

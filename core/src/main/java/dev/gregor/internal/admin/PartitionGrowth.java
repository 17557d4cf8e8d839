package dev.gregor.internal.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.gregor.BrokerErrorException;
import dev.gregor.internal.client.ConfigRefusal;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.client.TopicAdmin;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.CreatePartitionsRequest;
import dev.gregor.internal.protocol.message.CreatePartitionsResponse;

/**
 * Adds partitions to a topic with CreatePartitions (which any broker forwards to the controller), and waits until
 * the new ones are led.
 */
final class PartitionGrowth {

    private final MetadataCache metadata;
    private final OffsetLookup offsets;
    private final Duration timeout;

    /** Growth through any broker of {@code metadata}, each request bounded by {@code timeout}. */
    PartitionGrowth(MetadataCache metadata, OffsetLookup offsets, Duration timeout) {
        this.metadata = metadata;
        this.offsets = offsets;
        this.timeout = timeout;
    }

    /** Asks for {@code topic} to have {@code total} partitions, the brokers placing the new ones. */
    CompletableFuture<Void> grow(String topic, int total) {
        CreatePartitionsRequest request = new CreatePartitionsRequest().setTimeoutMs((int) timeout.toMillis())
                .setTopics(List.of(new CreatePartitionsRequest.CreatePartitionsTopic().setName(topic).setCount(total)
                        .setAssignments(null)));
        return metadata.anyConnection()
                .thenCompose(connection -> connection.<CreatePartitionsResponse>send(ApiKey.CREATE_PARTITIONS, request))
                .thenAccept(response -> {
                    CreatePartitionsResponse.CreatePartitionsTopicResult result = response.results().get(0);
                    response.release();
                    TopicAdmin.check(ErrorCode.forCode(result.errorCode()), result.errorMessage(), topic,
                            "add partitions to", Map.of(ConfigRefusal.PARTITIONS, total));
                });
    }

    /**
     * Completes once the metadata lists {@code total} partitions of {@code topic} and every leader answers for its
     * partition; fails retriably while it lists fewer.
     */
    CompletableFuture<Void> awaitLed(String topic, int total) {
        return metadata.exists(topic).thenCompose(refreshed -> metadata.topic(topic)).thenCompose(described -> {
            if (described.partitions().size() < total) {
                return CompletableFuture.failedFuture(new BrokerErrorException("Waiting for the new partitions of"
                        + " topic '" + topic + "'", "metadata with " + described.partitions().size() + " of " + total
                        + " partitions so far", true));
            }
            return offsets.offsets(topic, OffsetLookup.LATEST).thenAccept(ends -> { });
        });
    }
}

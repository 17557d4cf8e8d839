package dev.gregor.internal.admin;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.gregor.InvalidConfigException;
import dev.gregor.TopicPartition;
import dev.gregor.admin.Admin;
import dev.gregor.admin.ClusterDescription;
import dev.gregor.admin.ConfigChange;
import dev.gregor.admin.ConfigEntry;
import dev.gregor.admin.ConfigResource;
import dev.gregor.admin.ListedOffset;
import dev.gregor.admin.OffsetSpec;
import dev.gregor.admin.TopicDescription;
import dev.gregor.admin.TopicListing;
import dev.gregor.admin.TopicSpec;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.client.TopicAdmin;
import dev.gregor.internal.client.TopicCreation;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;

/**
 * Topics, configs, records and the cluster for {@link NativeAdmin}: each call blocks at most the client's
 * {@code apiTimeout}, retrying retriable failures meanwhile.
 */
final class ResourceAdmin {

    private final MetadataCache metadata;
    private final Blocking blocking;
    private final TopicAdmin topics;
    private final TopicCreation creation;
    private final PartitionGrowth growth;
    private final OffsetLookup offsets;
    private final ResourceConfigs configs;
    private final RecordDeletion deletion;
    private final ClusterDescriber cluster;

    /** The admin calls of the client {@code context} belongs to. */
    ResourceAdmin(ClientContext context) {
        this.metadata = context.metadata();
        Duration apiTimeout = context.apiTimeout();
        this.blocking = new Blocking(apiTimeout);
        this.topics = new TopicAdmin(metadata, context.requestTimeout());
        this.offsets = new OffsetLookup(metadata, context.connections());
        this.creation = new TopicCreation(topics, metadata, offsets, apiTimeout);
        this.growth = new PartitionGrowth(metadata, offsets, context.requestTimeout());
        this.configs = new ResourceConfigs(metadata, context.connections());
        this.deletion = new RecordDeletion(metadata, context.connections(), offsets, context.requestTimeout());
        this.cluster = new ClusterDescriber(metadata, context.connections());
    }

    /** The cluster's topics by name, Kafka's internal ones only if {@code includeInternal}. */
    List<TopicListing> listTopics(boolean includeInternal) {
        return await(metadata::refreshAll, "Listing topics").topics().values().stream()
                .filter(topic -> includeInternal || !topic.internal())
                .sorted(Comparator.comparing(TopicMetadata::name))
                .map(topic -> new TopicListing(topic.name(), topic.internal(), topic.partitions().size(),
                        topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size()))
                .toList();
    }

    /** {@code name}'s partitions as the brokers report them now, and its configs. */
    TopicDescription describeTopic(String name) {
        return await(() -> fresh(name).thenCombine(configs.describe(ConfigResource.topic(name)),
                (topic, entries) -> new TopicDescription(name, topicId(topic.topicId()), topic.internal(),
                        topic.partitions(), entries)), "Describing topic '" + name + "'");
    }

    /** Creates the topic {@code spec} describes and returns once every partition has a leader. */
    void createTopic(TopicSpec spec) {
        creation.create(spec);
    }

    /** Deletes topic {@code name}. */
    void deleteTopic(String name) {
        await(() -> topics.delete(name), "Deleting topic '" + name + "'");
    }

    /** Grows {@code topic} to {@code totalPartitions} and returns once every new partition has a leader. */
    void addPartitions(String topic, int totalPartitions) {
        int current = await(() -> fresh(topic), "Describing topic '" + topic + "'").partitions().size();
        if (totalPartitions <= current) {
            throw new InvalidConfigException("totalPartitions of topic '" + topic + "'", totalPartitions,
                    "more than its current " + current + " partitions (Kafka cannot remove partitions)");
        }
        await(() -> growth.grow(topic, totalPartitions), "Adding partitions to topic '" + topic + "'");
        await(() -> growth.awaitLed(topic, totalPartitions), "Waiting for the new partitions of topic '" + topic + "'");
    }

    /** Every config of {@code resource}, sorted by name. */
    List<ConfigEntry> describeConfig(ConfigResource resource) {
        return await(() -> configs.describe(resource), "Describing the configs of " + resource);
    }

    /** Applies {@code changes} to {@code resource}'s configs, all or none. */
    void alterConfig(ConfigResource resource, List<ConfigChange> changes) {
        if (!changes.isEmpty()) {
            await(() -> configs.alter(resource, changes), "Altering the configs of " + resource);
        }
    }

    /** Deletes the records before each offset of {@code beforeOffsets}; returns the new low watermarks. */
    Map<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        beforeOffsets.forEach((partition, offset) -> {
            if (offset < Admin.ALL_RECORDS) {
                throw new InvalidConfigException("offset of " + partition, offset,
                        "0 or more, or Admin.ALL_RECORDS (-1) for every record");
            }
        });
        if (beforeOffsets.isEmpty()) {
            return Map.of();
        }
        return await(() -> deletion.delete(beforeOffsets), "Deleting records of " + beforeOffsets.keySet());
    }

    /** The offset {@code spec} names in each of {@code partitions}. */
    Map<TopicPartition, ListedOffset> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return await(() -> offsets.listed(partitions, spec.timestamp()).thenCompose(this::logEndWhereNoneMatched),
                "Looking up the " + spec + " offsets of " + partitions);
    }

    /** The cluster's id, controller and brokers, each with its APIs. */
    ClusterDescription describeCluster() {
        return await(cluster::describe, "Describing the cluster");
    }

    /** {@code found}, with the log end offset where a lookup by time found no record that late (offset -1). */
    private CompletableFuture<Map<TopicPartition, ListedOffset>> logEndWhereNoneMatched(
            Map<TopicPartition, ListedOffset> found) {
        List<TopicPartition> unmatched = found.entrySet().stream().filter(entry -> entry.getValue().offset() < 0)
                .map(Map.Entry::getKey).toList();
        if (unmatched.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return offsets.listed(unmatched, OffsetLookup.LATEST).thenApply(ends -> {
            Map<TopicPartition, ListedOffset> completed = new TreeMap<>(found);
            ends.forEach((partition, end) -> completed.put(partition,
                    new ListedOffset(end.offset(), Optional.empty(), end.leaderEpoch())));
            return completed;
        });
    }

    /** {@code topic} as the brokers describe it now, not as the snapshot remembers it. */
    private CompletableFuture<TopicMetadata> fresh(String topic) {
        return metadata.exists(topic).thenCompose(refreshed -> metadata.topic(topic));
    }

    /** Kafka's form of a topic id (URL-safe base64 of its 16 bytes, unpadded); none for the zero UUID. */
    private static Optional<String> topicId(UUID id) {
        if (id == null || (id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0)) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()));
    }

    private <T> T await(Supplier<CompletableFuture<T>> attempt, String operation) {
        return blocking.call(attempt, operation);
    }
}

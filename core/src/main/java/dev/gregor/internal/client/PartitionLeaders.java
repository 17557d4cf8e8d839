package dev.gregor.internal.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import dev.gregor.Broker;
import dev.gregor.BrokerErrorException;
import dev.gregor.Partition;
import dev.gregor.TopicPartition;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;

/** Groups partitions by their current leader, for requests that go to each leader once with all it leads. */
public final class PartitionLeaders {

    private PartitionLeaders() {
    }

    /**
     * The partitions of {@code partitions} each broker leads, from {@code metadata}; fails with a retriable error
     * naming the partition while one has no leader, and with UnknownTopicException / UnknownPartitionException for
     * one that does not exist. {@code operation} ("Looking up offsets") starts the error's message.
     */
    public static CompletableFuture<Map<Broker, List<TopicPartition>>> of(MetadataCache metadata,
                                                                          Collection<TopicPartition> partitions,
                                                                          String operation) {
        Set<String> topics = new TreeSet<>();
        partitions.forEach(partition -> topics.add(partition.topic()));
        List<CompletableFuture<TopicMetadata>> described = topics.stream().map(metadata::topic).toList();
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, TopicMetadata> byName = new HashMap<>();
            described.forEach(topic -> byName.put(topic.join().name(), topic.join()));
            Map<Broker, List<TopicPartition>> byLeader = new HashMap<>();
            for (TopicPartition wanted : partitions) {
                Partition partition = byName.get(wanted.topic()).partition(wanted.partition());
                Broker leader = partition.leader().orElseThrow(() -> {
                    metadata.invalidate(wanted.topic());
                    return new BrokerErrorException(operation + " of topic '" + wanted.topic() + "' partition "
                            + partition.id(), "LEADER_NOT_AVAILABLE (an election is under way; retry shortly)", true);
                });
                byLeader.computeIfAbsent(leader, broker -> new ArrayList<>()).add(wanted);
            }
            return byLeader;
        });
    }
}

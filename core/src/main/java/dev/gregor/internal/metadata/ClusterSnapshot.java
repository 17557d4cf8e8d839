package dev.gregor.internal.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gregor.Broker;
import dev.gregor.Cluster;
import dev.gregor.Partition;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.MetadataResponse;

/**
 * One immutable picture of the cluster, built from metadata responses. Topics that a response did not mention are
 * carried over from the previous picture, so refreshing one topic never forgets the others.
 *
 * @param clusterId    the cluster id, if reported
 * @param controllerId the controller's id, or -1
 * @param brokers      live brokers by id
 * @param topics       known topics by name
 * @param topicErrors  the errors of topics asked for in the latest refreshes (unknown, not authorized, …)
 * @param takenAtNanos when the latest response arrived ({@link System#nanoTime()})
 */
public record ClusterSnapshot(Optional<String> clusterId, int controllerId, Map<Integer, Broker> brokers,
                              Map<String, TopicMetadata> topics, Map<String, ErrorCode> topicErrors, long takenAtNanos) {

    /** The picture before any metadata arrived. */
    public static ClusterSnapshot empty() {
        return new ClusterSnapshot(Optional.empty(), -1, Map.of(), Map.of(), Map.of(), Long.MIN_VALUE);
    }

    /**
     * This picture updated by {@code response}; {@code complete} means the response listed every topic, and
     * {@code flagsInternal} that its version (1+) marks Kafka's internal topics, without which the double underscore
     * that starts their names is taken as the mark.
     */
    public ClusterSnapshot merge(MetadataResponse response, boolean complete, boolean flagsInternal) {
        Map<Integer, Broker> newBrokers = new HashMap<>();
        for (MetadataResponse.MetadataResponseBroker broker : response.brokers()) {
            newBrokers.put(broker.nodeId(), new Broker(broker.nodeId(), broker.host(), broker.port(),
                    Optional.ofNullable(broker.rack())));
        }
        Map<String, TopicMetadata> newTopics = complete ? new HashMap<>() : new HashMap<>(topics);
        Map<String, ErrorCode> newErrors = new HashMap<>(topicErrors);
        for (MetadataResponse.MetadataResponseTopic topic : response.topics()) {
            ErrorCode error = ErrorCode.forCode(topic.errorCode());
            if (error == ErrorCode.NONE) {
                newTopics.put(topic.name(), topicMetadata(topic, newBrokers, flagsInternal));
                newErrors.remove(topic.name());
            } else {
                newTopics.remove(topic.name());
                newErrors.put(topic.name(), error);
            }
        }
        return new ClusterSnapshot(Optional.ofNullable(response.clusterId()), response.controllerId(),
                Map.copyOf(newBrokers), Map.copyOf(newTopics), Map.copyOf(newErrors), System.nanoTime());
    }

    /** This picture without {@code topic}. */
    public ClusterSnapshot without(String topic) {
        Map<String, TopicMetadata> remaining = new HashMap<>(topics);
        remaining.remove(topic);
        return new ClusterSnapshot(clusterId, controllerId, brokers, Map.copyOf(remaining), topicErrors, takenAtNanos);
    }

    /** The public view of this picture. */
    public Cluster cluster() {
        return new Cluster(clusterId, Optional.ofNullable(brokers.get(controllerId)), sortedBrokers());
    }

    /** Live brokers ordered by id. */
    public List<Broker> sortedBrokers() {
        List<Broker> sorted = new ArrayList<>(brokers.values());
        sorted.sort(Comparator.comparingInt(Broker::id));
        return sorted;
    }

    private static TopicMetadata topicMetadata(MetadataResponse.MetadataResponseTopic topic, Map<Integer, Broker> brokers,
                                               boolean flagsInternal) {
        List<Partition> partitions = new ArrayList<>(topic.partitions().size());
        topic.partitions().stream()
                .sorted(Comparator.comparingInt(MetadataResponse.MetadataResponsePartition::partitionIndex))
                .forEach(partition -> partitions.add(new Partition(topic.name(), partition.partitionIndex(),
                        Optional.ofNullable(brokers.get(partition.leaderId())),
                        known(partition.replicaNodes(), brokers), known(partition.isrNodes(), brokers))));
        boolean internal = flagsInternal ? topic.isInternal() : topic.name().startsWith("__");
        return new TopicMetadata(topic.name(), topic.topicId(), partitions, internal);
    }

    /** The brokers of {@code ids} that are alive; offline replicas are not in the broker list. */
    private static List<Broker> known(List<Integer> ids, Map<Integer, Broker> brokers) {
        return ids.stream().map(brokers::get).filter(java.util.Objects::nonNull).toList();
    }
}

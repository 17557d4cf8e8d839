package dev.gregor.admin;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.gregor.TopicPartition;

/**
 * The cluster's administration, from {@code client.admin()}: topics, configs, records, consumer groups and their
 * offsets, and the cluster itself. It works the same whichever backend the client's producers and consumers use.
 *
 * <pre>{@code
 * Admin admin = client.admin();
 * admin.createTopic(TopicSpec.of("orders", 12, 3).withConfig("retention.ms", "86400000"));
 * for (PartitionLag lag : admin.lag("billing")) { ... }
 * }</pre>
 *
 * <p>Every call blocks until the brokers answered, at most the client's {@code apiTimeout} (retriable failures are
 * retried meanwhile), and throws a {@link dev.gregor.KafkaException} naming the topic, group or broker and what to
 * do. Thread-safe; it lives as long as its client.
 */
public interface Admin {

    /** For {@link #deleteRecords}: every record the partition holds now (up to its high watermark). */
    long ALL_RECORDS = -1;

    // ---- topics ----

    /** The cluster's topics by name, without Kafka's internal ones unless {@code includeInternal}. */
    List<TopicListing> listTopics(boolean includeInternal);

    /**
     * A topic's partitions (leader, replicas, in-sync replicas) and configs.
     *
     * @throws dev.gregor.UnknownTopicException if it does not exist
     */
    TopicDescription describeTopic(String name);

    /**
     * Creates a topic as {@code spec} says and returns once every partition has a leader.
     *
     * @throws dev.gregor.TopicExistsException    if it exists already
     * @throws dev.gregor.InvalidConfigException if the brokers refuse the partitions, replication, a config or the
     *                                            replica assignment (the message says which and why)
     */
    void createTopic(TopicSpec spec);

    /** Deletes a topic and all its records. */
    void deleteTopic(String name);

    /**
     * Grows a topic to {@code totalPartitions} partitions (Kafka cannot shrink one). Keys then map to other
     * partitions than before.
     */
    void addPartitions(String topic, int totalPartitions);

    // ---- configs ----

    /** Every config of a topic or broker, with where each value comes from. */
    List<ConfigEntry> describeConfig(ConfigResource resource);

    /**
     * Changes some configs of a topic or broker and leaves the others as they are (Kafka's incremental alter).
     * All of them are applied or none. The controller has taken them when this returns; each broker applies them
     * moments later, so a describe answered by another broker may still show the old values for that long.
     */
    void alterConfig(ConfigResource resource, List<ConfigChange> changes);

    // ---- records ----

    /**
     * Deletes the records of each partition before the offset given for it ({@link #ALL_RECORDS} for all of
     * them) and returns each partition's new low watermark (its first offset).
     */
    Map<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets);

    /** The offset {@code spec} names in each of {@code partitions}, asked of their leaders. */
    Map<TopicPartition, ListedOffset> offsets(Collection<TopicPartition> partitions, OffsetSpec spec);

    // ---- groups ----

    /** Every group the cluster's coordinators know: classic, consumer (KIP-848) and share groups, with state. */
    List<GroupListing> listGroups();

    /**
     * A group's state, protocol and members (client ids, hosts, assignments).
     *
     * @throws dev.gregor.UnknownGroupException if the cluster has no such group
     */
    GroupDescription describeGroup(String group);

    /**
     * Deletes a group with no live members, and its committed offsets.
     *
     * @throws dev.gregor.GroupNotEmptyException while members are in it
     * @throws dev.gregor.UnknownGroupException  if the cluster has no such group
     */
    void deleteGroup(String group);

    /**
     * The offsets {@code group} committed, by partition; for a share group, each share-partition's start offset
     * (every record before it was acknowledged), as the share coordinator has stored it.
     *
     * @throws dev.gregor.UnknownGroupException if the cluster has no such group
     */
    Map<TopicPartition, Long> groupOffsets(String group);

    /**
     * Commits {@code offsets} for {@code group} as its next offsets to read (creating the group if it has none yet).
     *
     * @throws dev.gregor.GroupNotEmptyException     while members are in it (they would overwrite them)
     * @throws dev.gregor.UnknownTopicException      if a topic does not exist
     * @throws dev.gregor.UnknownPartitionException  if a topic has no such partition
     * @throws IllegalArgumentException              for a negative offset
     * @throws dev.gregor.InvalidConfigException     for a share group (not supported yet)
     */
    void alterGroupOffsets(String group, Map<TopicPartition, Long> offsets);

    /**
     * Deletes the offsets {@code group} committed for {@code partitions}.
     *
     * @throws dev.gregor.GroupNotEmptyException if a live member consumes one of those topics
     */
    void deleteGroupOffsets(String group, Collection<TopicPartition> partitions);

    /**
     * How far {@code group} is behind on each partition it committed or is assigned: its committed offset, the log end
     * offset and their difference, with the member reading the partition, if any. Sorted by partition.
     *
     * @throws dev.gregor.UnknownGroupException if the cluster has no such group
     */
    List<PartitionLag> lag(String group);

    // ---- cluster ----

    /** The cluster's id, its controller, and every broker with its rack and the API versions it supports. */
    ClusterDescription describeCluster();
}

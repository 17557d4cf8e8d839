package dev.gregor.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The outside view of a topic's replicas, through {@code kafka-clients}' {@link Admin}: its leaders, in-sync
 * replicas and high watermarks as the brokers report them, independent of the client under test. Also creates
 * topics with a chosen replica placement, which the testkit cannot.
 */
public final class ReplicaView implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    /** A view of the cluster at {@code bootstrapServers}. */
    public ReplicaView(String bootstrapServers) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers,
                "default.api.timeout.ms", Long.toString(CALL_TIMEOUT.toMillis()),
                "request.timeout.ms", "10000"));
    }

    /** Creates {@code topic} with each partition's replicas as given (the first one its preferred leader). */
    public void createTopic(String topic, Map<Integer, List<Integer>> replicasByPartition) {
        createTopic(topic, replicasByPartition, Map.of());
    }

    /** As above, with topic-level {@code configs} (such as {@code min.insync.replicas}) over the brokers' defaults. */
    public void createTopic(String topic, Map<Integer, List<Integer>> replicasByPartition,
                            Map<String, String> configs) {
        result(admin.createTopics(List.of(new NewTopic(topic, replicasByPartition).configs(configs))).all());
    }

    /** Per partition, the id of its leader, or -1 while it has none. */
    public Map<Integer, Integer> leaders(String topic) {
        Map<Integer, Integer> leaders = new TreeMap<>();
        for (TopicPartitionInfo partition : describe(topic).partitions()) {
            Node leader = partition.leader();
            leaders.put(partition.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
        }
        return leaders;
    }

    /** Per partition, the ids of its in-sync replicas. */
    public Map<Integer, List<Integer>> inSyncReplicas(String topic) {
        Map<Integer, List<Integer>> isr = new TreeMap<>();
        for (TopicPartitionInfo partition : describe(topic).partitions()) {
            isr.put(partition.partition(), partition.isr().stream().map(Node::id).sorted().toList());
        }
        return isr;
    }

    /** The smallest in-sync replica set of any partition of {@code topic}. */
    public int smallestInSyncReplicas(String topic) {
        return inSyncReplicas(topic).values().stream().mapToInt(List::size).min().orElse(0);
    }

    /**
     * The partitions of every topic, internal ones included, whose in-sync replicas are fewer than their replicas,
     * as {@code topic-partition} names: empty once every replica has caught up.
     */
    public List<String> underReplicatedPartitions() {
        Set<String> topics = result(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        List<String> behind = new ArrayList<>();
        result(admin.describeTopics(topics).allTopicNames()).forEach((topic, description) -> {
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.isr().size() < partition.replicas().size()) {
                    behind.add(topic + "-" + partition.partition());
                }
            }
        });
        return behind;
    }

    /** Per partition, its high watermark: the end of what is committed to the in-sync replicas. */
    public Map<Integer, Long> highWatermarks(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartitionInfo partition : describe(topic).partitions()) {
            request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        result(admin.listOffsets(request).all()).forEach((partition, info) ->
                offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    private TopicDescription describe(String topic) {
        return result(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic);
    }

    private static <T> T result(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the brokers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The brokers refused an admin call: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No broker answered an admin call within " + CALL_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

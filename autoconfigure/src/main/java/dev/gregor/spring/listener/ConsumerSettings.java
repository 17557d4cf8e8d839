package dev.gregor.spring.listener;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.consumer.IsolationLevel;
import org.jspecify.annotations.Nullable;

/**
 * How the consumers of listener containers are tuned: a factory's come from {@code gregor.consumer.*}, a listener's
 * own from its {@link TopicListener} attributes, which win setting by setting. A null setting leaves the core
 * {@link dev.gregor.consumer.ConsumerConfig} default.
 *
 * @param isolationLevel         which transactional records are read
 * @param sessionTimeout         how long a silent member stays in its group (the heartbeat follows: a third of it, at
 *                               most 3 s)
 * @param assignmentStrategy     how a balanced group shares partitions
 * @param groupInstanceId        the base of each container's static group member id (how each container's id is
 *                               derived from it is told on {@link TopicListener#groupInstanceId()})
 * @param fetchMinBytes          the least data a fetch waits for
 * @param fetchMaxBytes          the most data one fetch returns
 * @param maxPartitionFetchBytes the most data one fetch returns per partition
 * @param maxPollInterval        how long a balanced member may go without taking a record before it leaves its group
 * @param properties             extra {@code KafkaConsumer} properties for the {@code KAFKA_CLIENTS} backend
 */
public record ConsumerSettings(@Nullable IsolationLevel isolationLevel, @Nullable Duration sessionTimeout,
                               @Nullable AssignmentStrategy assignmentStrategy, @Nullable String groupInstanceId,
                               @Nullable Integer fetchMinBytes, @Nullable Integer fetchMaxBytes,
                               @Nullable Integer maxPartitionFetchBytes, @Nullable Duration maxPollInterval,
                               Map<String, String> properties) {

    /** No setting: every core default. */
    public static final ConsumerSettings NONE = new ConsumerSettings(null, null, null, null, null, null, null, null,
            Map.of());

    /** Keeps an unmodifiable copy of the properties. */
    public ConsumerSettings {
        properties = Map.copyOf(properties);
    }

    /**
     * These settings, with those of {@code defaults} where these leave one unset; the properties of both, these
     * winning for a name both set.
     */
    public ConsumerSettings orElse(ConsumerSettings defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults.properties);
        merged.putAll(properties);
        return new ConsumerSettings(first(isolationLevel, defaults.isolationLevel),
                first(sessionTimeout, defaults.sessionTimeout), first(assignmentStrategy, defaults.assignmentStrategy),
                first(groupInstanceId, defaults.groupInstanceId), first(fetchMinBytes, defaults.fetchMinBytes),
                first(fetchMaxBytes, defaults.fetchMaxBytes),
                first(maxPartitionFetchBytes, defaults.maxPartitionFetchBytes),
                first(maxPollInterval, defaults.maxPollInterval), merged);
    }

    private static <T> @Nullable T first(@Nullable T own, @Nullable T fallback) {
        return own != null ? own : fallback;
    }
}

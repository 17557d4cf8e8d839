package dev.gregor.admin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.gregor.InvalidConfigException;

/**
 * A topic to create: its name, partitions, replication factor, configs and, optionally, which brokers hold each
 * partition. {@link #BROKER_DEFAULT} for a number lets the brokers choose ({@code num.partitions},
 * {@code default.replication.factor}).
 *
 * <pre>{@code
 * TopicSpec.of("orders", 12, 3).withConfig("cleanup.policy", "compact")
 * }</pre>
 *
 * @param name              the topic's name
 * @param partitions        how many partitions, or {@link #BROKER_DEFAULT}
 * @param replicationFactor how many replicas each partition has, or {@link #BROKER_DEFAULT}
 * @param configs           topic configs by name
 * @param replicaAssignment broker ids by partition id (preferred leader first); when given, it decides the
 *                          partitions and replication, and the two numbers must be {@link #BROKER_DEFAULT}
 */
public record TopicSpec(String name, int partitions, int replicationFactor, Map<String, String> configs,
                        Map<Integer, List<Integer>> replicaAssignment) {

    /** Let the brokers choose the partition count or replication factor. */
    public static final int BROKER_DEFAULT = -1;

    /** Checks every part, naming the one that is wrong; copies the maps so the record stays immutable. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidConfigException("name", name, "a topic name");
        }
        if (partitions == 0 || partitions < BROKER_DEFAULT) {
            throw new InvalidConfigException("partitions", partitions, "1 or more, or -1 for the brokers' default");
        }
        if (replicationFactor == 0 || replicationFactor < BROKER_DEFAULT || replicationFactor > Short.MAX_VALUE) {
            throw new InvalidConfigException("replicationFactor", replicationFactor,
                    "1 or more, or -1 for the brokers' default");
        }
        configs = Map.copyOf(configs);
        TreeMap<Integer, List<Integer>> assignment = new TreeMap<>();
        replicaAssignment.forEach((partition, brokers) -> assignment.put(partition, List.copyOf(brokers)));
        if (!assignment.isEmpty() && (partitions != BROKER_DEFAULT || replicationFactor != BROKER_DEFAULT)) {
            throw new InvalidConfigException("replicaAssignment", assignment,
                    "either a replica assignment or partitions and replication factor, not both");
        }
        replicaAssignment = Collections.unmodifiableMap(assignment);
    }

    /** Topic {@code name} with {@code partitions} and {@code replicationFactor}, no configs. */
    public static TopicSpec of(String name, int partitions, int replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of(), Map.of());
    }

    /** Topic {@code name} with its replicas placed as {@code replicaAssignment} says (broker ids by partition). */
    public static TopicSpec withAssignment(String name, Map<Integer, List<Integer>> replicaAssignment) {
        return new TopicSpec(name, BROKER_DEFAULT, BROKER_DEFAULT, Map.of(), replicaAssignment);
    }

    /** This spec with config {@code key} set to {@code value}. */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> more = new TreeMap<>(configs);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return withConfigs(more);
    }

    /** This spec with {@code configs} instead of its own. */
    public TopicSpec withConfigs(Map<String, String> configs) {
        return new TopicSpec(name, partitions, replicationFactor, configs, replicaAssignment);
    }
}

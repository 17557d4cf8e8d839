package dev.gregor.internal.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gregor.InvalidConfigException;
import dev.gregor.internal.protocol.ErrorCode;

/**
 * A broker's refusal of a config value, a partition count, a replication factor or a replica assignment, as an
 * {@link InvalidConfigException} that names the refused setting, its value, the resource and the broker's own words.
 */
public final class ConfigRefusal {

    /** The name a refused partition count goes by. */
    public static final String PARTITIONS = "partitions";
    /** The name a refused replication factor goes by. */
    public static final String REPLICATION_FACTOR = "replicationFactor";
    /** The name a refused replica assignment goes by. */
    public static final String REPLICA_ASSIGNMENT = "replicaAssignment";

    private static final Set<String> SHAPE = Set.of(PARTITIONS, REPLICATION_FACTOR, REPLICA_ASSIGNMENT);

    private ConfigRefusal() {
    }

    /**
     * The exception for {@code error} refusing what was {@code asked} (values by name) of {@code resource}
     * ("topic 'orders'", "broker 1"): for INVALID_CONFIG the setting is the one the broker's message names (every
     * one asked when it names none of them).
     */
    public static InvalidConfigException of(ErrorCode error, String brokerMessage, String resource,
                                            Map<String, ?> asked) {
        String setting = switch (error) {
            case INVALID_PARTITIONS -> PARTITIONS;
            case INVALID_REPLICATION_FACTOR -> REPLICATION_FACTOR;
            case INVALID_REPLICA_ASSIGNMENT -> REPLICA_ASSIGNMENT;
            default -> {
                List<String> configs = asked.keySet().stream().filter(name -> !SHAPE.contains(name)).toList();
                yield configs.stream().filter(name -> brokerMessage != null && brokerMessage.contains(name))
                        .findFirst().orElse(String.join(", ", configs));
            }
        };
        Object value = asked.containsKey(setting) ? asked.get(setting) : "(as asked)";
        return new InvalidConfigException(setting + " of " + resource, value,
                "what the brokers accept; they answered " + error.name()
                        + (brokerMessage != null ? ": " + brokerMessage : ""));
    }
}

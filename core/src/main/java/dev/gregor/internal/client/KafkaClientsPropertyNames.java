package dev.gregor.internal.client;

import java.util.Map;

import dev.gregor.InvalidConfigException;

/**
 * The {@code KafkaConsumer} property names a consumer configuration's kafka-clients properties may not carry: Gregor
 * decides them itself (group membership and commits stay Gregor's, so the backend's consumer has no group), or a
 * setting of the consumer configuration does, and the raw property would be ignored or fight it.
 */
public final class KafkaClientsPropertyNames {

    private static final Map<String, String> DECIDED_BY_GREGOR = Map.ofEntries(
            Map.entry("bootstrap.servers", "the client's bootstrap servers"),
            Map.entry("group.id", "consumerGroup"),
            Map.entry("group.instance.id", "groupInstanceId"),
            Map.entry("enable.auto.commit", "autoCommit (Gregor commits, not the KafkaConsumer)"),
            Map.entry("key.deserializer", "nothing: records reach Gregor as bytes"),
            Map.entry("value.deserializer", "nothing: records reach Gregor as bytes"),
            Map.entry("auto.offset.reset", "autoOffsetReset"),
            Map.entry("isolation.level", "isolationLevel"),
            Map.entry("session.timeout.ms", "sessionTimeout"),
            Map.entry("heartbeat.interval.ms", "sessionTimeout (the heartbeat follows it)"),
            Map.entry("max.poll.interval.ms", "maxPollInterval"),
            Map.entry("partition.assignment.strategy", "assignmentStrategy"),
            Map.entry("fetch.min.bytes", "fetchMinBytes"),
            Map.entry("fetch.max.bytes", "fetchMaxBytes"),
            Map.entry("max.partition.fetch.bytes", "maxPartitionFetchBytes"),
            Map.entry("fetch.max.wait.ms", "fetchMaxWait"),
            Map.entry("check.crcs", "checkCrcs"));

    private KafkaClientsPropertyNames() {
    }

    /**
     * Checks that {@code name} is free for the user to set.
     *
     * @throws InvalidConfigException naming the setting that decides it instead
     */
    public static void requireFree(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidConfigException("kafkaClientsProperties", "'" + name + "'", "non-blank property names");
        }
        String instead = DECIDED_BY_GREGOR.get(name);
        if (instead != null) {
            throw new InvalidConfigException("kafkaClientsProperties", name,
                    "a property Gregor does not decide itself; " + name + " is decided by " + instead);
        }
    }
}

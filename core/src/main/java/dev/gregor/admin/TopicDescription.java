package dev.gregor.admin;

import java.util.List;
import java.util.Optional;

import dev.gregor.Partition;

/**
 * A topic in full: its partitions and configs.
 *
 * @param name       the topic's name
 * @param topicId    its id (a UUID in Kafka's base64 form), where the brokers report one
 * @param internal   whether it is one of Kafka's own
 * @param partitions its partitions by id, with leader, replicas and in-sync replicas
 * @param configs    every config of the topic, by name
 */
public record TopicDescription(String name, Optional<String> topicId, boolean internal, List<Partition> partitions,
                               List<ConfigEntry> configs) {

    /** Copies the lists so the record stays immutable. */
    public TopicDescription {
        partitions = List.copyOf(partitions);
        configs = List.copyOf(configs);
    }

    /** The configs set for this topic, not inherited from the brokers' defaults. */
    public List<ConfigEntry> overriddenConfigs() {
        return configs.stream().filter(entry -> entry.source() == ConfigSource.TOPIC).toList();
    }
}

package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.gregor.TopicPartition;
import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.spring.listener.ConsumerSettings;
import dev.gregor.spring.listener.TopicListener;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads a {@link TopicListener}'s consumer attributes (tuning and initial offsets) from their text, placeholders
 * resolved, and refuses those its mode has no use for; every error names the listener and the attribute.
 */
final class ConsumerAttributes {

    private final String id;
    private final TopicListener annotation;
    private final UnaryOperator<String> resolve;

    ConsumerAttributes(String id, TopicListener annotation, UnaryOperator<String> resolve) {
        this.id = id;
        this.annotation = annotation;
        this.resolve = resolve;
    }

    /** The listener's own consumer tuning. */
    ConsumerSettings settings() {
        IsolationLevel isolation = parse("isolationLevel", annotation.isolationLevel(),
                text -> IsolationLevel.valueOf(text.toUpperCase(Locale.ROOT)), "READ_UNCOMMITTED or READ_COMMITTED");
        Duration session = parse("sessionTimeout", annotation.sessionTimeout(), DurationStyle::detectAndParse,
                "a duration such as 45s or 500ms");
        AssignmentStrategy strategy = parse("assignmentStrategy", annotation.assignmentStrategy(),
                ListenerConsumerConfig::assignmentStrategy, "range or roundrobin");
        String instanceId = parse("groupInstanceId", annotation.groupInstanceId(),
                ListenerConsumerConfig::groupInstanceId, "up to 200 letters, digits, '.', '_' and '-'");
        Integer fetchMin = parse("fetchMinBytes", annotation.fetchMinBytes(), Integer::valueOf, "a number of bytes");
        Integer fetchMax = parse("fetchMaxBytes", annotation.fetchMaxBytes(), Integer::valueOf, "a number of bytes");
        Integer partitionMax = parse("maxPartitionFetchBytes", annotation.maxPartitionFetchBytes(), Integer::valueOf,
                "a number of bytes");
        Duration pollInterval = parse("maxPollInterval", annotation.maxPollInterval(), DurationStyle::detectAndParse,
                "a duration such as 10m or 90s");
        if (annotation.mode() == TopicListener.Mode.SIMPLE) {
            refuseSet("a SIMPLE listener has no group membership to tune; they apply to mode = BALANCED",
                    Map.of("sessionTimeout", session != null, "assignmentStrategy", strategy != null,
                            "groupInstanceId", instanceId != null, "maxPollInterval", pollInterval != null));
        } else if (annotation.coordinator() == TopicListener.Coordinator.ZOOKEEPER) {
            refuseSet("they apply to groups coordinated by Kafka, not by ZooKeeper",
                    Map.of("groupInstanceId", instanceId != null, "maxPollInterval", pollInterval != null));
        }
        return new ConsumerSettings(isolation, session, strategy, instanceId, fetchMin, fetchMax, partitionMax,
                pollInterval, properties());
    }

    /**
     * Where partitions of {@code topics} start, from {@code "partition=offset"} (each topic) or
     * {@code "topic:partition=offset"} entries.
     */
    Map<TopicPartition, Long> initialOffsets(List<String> topics, List<Integer> partitions) {
        List<String> entries = Arrays.stream(annotation.initialOffsets()).map(resolve).map(String::trim)
                .filter(entry -> !entry.isEmpty()).toList();
        if (entries.isEmpty()) {
            return Map.of();
        }
        if (annotation.mode() != TopicListener.Mode.SIMPLE || topics.isEmpty()) {
            throw new IllegalStateException("@TopicListener " + id + ": initialOffsets apply to a SIMPLE listener with"
                    + " named topics only (a balanced group's committed offsets decide where its members start)");
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            int colon = entry.indexOf(':');
            try {
                if (equals < 0 || colon > equals) {
                    throw new IllegalArgumentException("no '='");
                }
                int partition = Integer.parseInt(entry.substring(colon + 1, equals).trim());
                long offset = Long.parseLong(entry.substring(equals + 1).trim());
                if (partition < 0 || offset < 0) {
                    throw new IllegalArgumentException("negative");
                }
                List<String> named = colon < 0 ? topics : List.of(entry.substring(0, colon).trim());
                for (String topic : named) {
                    if (!topics.contains(topic) || !partitions.isEmpty() && !partitions.contains(partition)) {
                        throw new IllegalStateException("@TopicListener " + id + ": initialOffsets entry '" + entry
                                + "' names " + topic + "-" + partition + ", which the listener does not read");
                    }
                    offsets.put(TopicPartition.of(topic, partition), offset);
                }
            } catch (IllegalArgumentException invalid) {
                throw new IllegalStateException("@TopicListener " + id + ": initialOffsets entry '" + entry + "' is not"
                        + " \"partition=offset\" or \"topic:partition=offset\" with a partition and offset of 0 or more");
            }
        }
        return offsets;
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : annotation.properties()) {
            String resolved = resolve.apply(entry).trim();
            int equals = resolved.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("@TopicListener " + id + ": properties entry '" + resolved + "' is not"
                        + " \"name=value\"");
            }
            properties.put(resolved.substring(0, equals).trim(), resolved.substring(equals + 1).trim());
        }
        return properties;
    }

    private <T> @Nullable T parse(String attribute, String text, Function<String, T> parser, String allowed) {
        String resolved = resolve.apply(text).trim();
        if (resolved.isEmpty()) {
            return null;
        }
        try {
            return parser.apply(resolved);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("@TopicListener " + id + ": " + attribute + " '" + resolved + "' is not "
                    + allowed);
        }
    }

    private void refuseSet(String reason, Map<String, Boolean> attributes) {
        List<String> set = attributes.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted()
                .toList();
        if (!set.isEmpty()) {
            throw new IllegalStateException("@TopicListener " + id + ": " + String.join(", ", set) + " cannot be set"
                    + " here: " + reason);
        }
    }
}

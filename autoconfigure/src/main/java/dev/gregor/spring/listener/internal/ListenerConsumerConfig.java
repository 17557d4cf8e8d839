package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

import dev.gregor.InvalidConfigException;
import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.spring.listener.ConsumerSettings;
import dev.gregor.spring.listener.ContainerSettings;
import dev.gregor.spring.listener.TopicListener;
import org.jspecify.annotations.Nullable;

/**
 * The consumer configuration of one container: the factory's {@link ConsumerSettings} under the listener's own, with
 * each container's static member id derived, and a bad value of the listener's reported by its attribute's name.
 */
public final class ListenerConsumerConfig {

    private static final List<AssignmentStrategy> STRATEGIES = List.of(AssignmentStrategy.range(),
            AssignmentStrategy.roundRobin());
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Duration LONGEST_HEARTBEAT = Duration.ofSeconds(3);

    private ListenerConsumerConfig() {
    }

    /**
     * The strategy called {@code name} ({@code range} or {@code roundrobin}, in any case).
     *
     * @throws IllegalArgumentException naming the strategies there are
     */
    public static AssignmentStrategy assignmentStrategy(String name) {
        return STRATEGIES.stream().filter(strategy -> strategy.name().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not an assignment strategy: use "
                        + String.join(" or ", STRATEGIES.stream().map(AssignmentStrategy::name).toList())));
    }

    /**
     * Checks that {@code id} can be a static member id as Kafka requires.
     *
     * @throws IllegalArgumentException saying which characters it may have
     */
    public static String groupInstanceId(String id) {
        if (!INSTANCE_ID.matcher(id).matches() || id.length() > 200) {
            throw new IllegalArgumentException("'" + id + "' is not a group instance id: use up to 200 letters,"
                    + " digits, '.', '_' and '-'");
        }
        return id;
    }

    /** Sets on {@code builder} what {@code tuning} sets, except the static member id (each container has its own). */
    public static ConsumerConfig.Builder tune(ConsumerConfig.Builder builder, ConsumerSettings tuning) {
        if (tuning.isolationLevel() != null) {
            builder.isolationLevel(tuning.isolationLevel());
        }
        if (tuning.sessionTimeout() != null) {
            Duration third = tuning.sessionTimeout().dividedBy(3).truncatedTo(ChronoUnit.MILLIS);
            builder.sessionTimeout(tuning.sessionTimeout())
                    .heartbeatInterval(third.compareTo(LONGEST_HEARTBEAT) < 0 ? third : LONGEST_HEARTBEAT);
        }
        if (tuning.assignmentStrategy() != null) {
            builder.assignmentStrategy(tuning.assignmentStrategy());
        }
        if (tuning.fetchMinBytes() != null) {
            builder.fetchMinBytes(tuning.fetchMinBytes());
        }
        if (tuning.fetchMaxBytes() != null) {
            builder.fetchMaxBytes(tuning.fetchMaxBytes());
        }
        if (tuning.maxPartitionFetchBytes() != null) {
            builder.maxPartitionFetchBytes(tuning.maxPartitionFetchBytes());
        }
        if (tuning.maxPollInterval() != null) {
            builder.maxPollInterval(tuning.maxPollInterval());
        }
        return builder.kafkaClientsProperties(tuning.properties());
    }

    /**
     * {@code base} tuned for the {@code index}-th container of {@code endpoint}, built.
     *
     * @throws IllegalStateException for a value the listener's attributes set that the consumer refuses, naming the
     *                               attribute
     */
    static ConsumerConfig build(ListenerEndpoint endpoint, ContainerSettings settings, int index,
                                ConsumerConfig.Builder base) {
        ConsumerSettings own = endpoint.consumer();
        try {
            tune(base, own.orElse(settings.consumer()));
            String instanceId = instanceId(endpoint, settings.consumer(), index);
            if (instanceId != null) {
                base.groupInstanceId(instanceId);
            }
            return base.build();
        } catch (InvalidConfigException e) {
            String attribute = e.property().equals("kafkaClientsProperties") ? "properties" : e.property();
            if (!setsAttribute(own, attribute)) {
                throw e;
            }
            Object value = e.value() instanceof Duration duration ? DurationText.of(duration) : e.value();
            throw new IllegalStateException("@TopicListener " + endpoint.id() + ": " + attribute + " " + value
                    + " is not allowed (allowed: " + DurationText.rewrite(e.allowed()) + ")");
        }
    }

    /**
     * The static member id of the {@code index}-th container: {@code <listener's>-<index>}, or else, for a balanced
     * listener coordinated by Kafka, {@code <factory's>-<listener id>-<index>} (the id's other characters as
     * {@code _}); null for dynamic membership.
     */
    private static @Nullable String instanceId(ListenerEndpoint endpoint, ConsumerSettings defaults, int index) {
        if (endpoint.consumer().groupInstanceId() != null) {
            return endpoint.consumer().groupInstanceId() + "-" + index;
        }
        if (defaults.groupInstanceId() == null || endpoint.mode() != TopicListener.Mode.BALANCED
                || endpoint.coordinator() != TopicListener.Coordinator.KAFKA) {
            return null;
        }
        return defaults.groupInstanceId() + "-" + endpoint.id().replaceAll("[^a-zA-Z0-9._-]", "_") + "-" + index;
    }

    private static boolean setsAttribute(ConsumerSettings own, String attribute) {
        return switch (attribute) {
            case "isolationLevel" -> own.isolationLevel() != null;
            case "sessionTimeout" -> own.sessionTimeout() != null;
            case "assignmentStrategy" -> own.assignmentStrategy() != null;
            case "fetchMinBytes" -> own.fetchMinBytes() != null;
            case "fetchMaxBytes" -> own.fetchMaxBytes() != null;
            case "maxPartitionFetchBytes" -> own.maxPartitionFetchBytes() != null;
            case "maxPollInterval" -> own.maxPollInterval() != null;
            case "properties" -> !own.properties().isEmpty();
            default -> false;
        };
    }
}

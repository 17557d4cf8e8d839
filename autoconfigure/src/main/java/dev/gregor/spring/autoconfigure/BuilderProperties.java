package dev.gregor.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.gregor.InvalidConfigException;
import dev.gregor.spring.listener.internal.DurationText;

/**
 * The {@code gregor.*} properties behind the settings of one Gregor builder: an {@link InvalidConfigException} that a
 * builder raises for one of them (naming its own field, {@code batchSize}) becomes an
 * {@link InvalidGregorPropertyException} naming the property ({@code gregor.producer.batch-size}).
 */
final class BuilderProperties {

    static final BuilderProperties CLIENT = new BuilderProperties(Map.of(
            "bootstrapServers", "gregor.bootstrap-servers",
            "clientId", "gregor.client-id",
            "apiTimeout", "gregor.api-timeout",
            "metadataMaxAge", "gregor.metadata-max-age",
            "sasl username", "gregor.sasl.username",
            "sasl password", "gregor.sasl.password",
            "sasl mechanism", "gregor.sasl.mechanism"));

    static final BuilderProperties PRODUCER = new BuilderProperties(Map.of(
            "linger", "gregor.producer.linger",
            "batchSize", "gregor.producer.batch-size",
            "maxQueuedRecords", "gregor.producer.max-queued-records"));

    static final BuilderProperties CONSUMER = new BuilderProperties(Map.of(
            "consumerGroup", "gregor.consumer.group",
            "zookeeperConnect", "gregor.consumer.zookeeper-connect",
            "sessionTimeout", "gregor.consumer.session-timeout",
            "fetchMinBytes", "gregor.consumer.fetch-min-bytes",
            "fetchMaxBytes", "gregor.consumer.fetch-max-bytes",
            "maxPartitionFetchBytes", "gregor.consumer.max-partition-fetch-bytes",
            "maxPollInterval", "gregor.consumer.max-poll-interval",
            "kafkaClientsProperties", "gregor.consumer.properties"));

    static final BuilderProperties LISTENER = new BuilderProperties(Map.of(
            "commitInterval", "gregor.listener.commit-interval",
            "maxAttempts", "gregor.listener.max-attempts",
            "retryBackoff", "gregor.listener.retry-backoff",
            "retryBackoffMultiplier", "gregor.listener.retry-backoff-multiplier",
            "retryBackoffMax", "gregor.listener.retry-backoff-max",
            "retryBackoffJitter", "gregor.listener.retry-backoff-jitter",
            "revokeTimeout", "gregor.listener.revoke-timeout",
            "pollTimeout", "gregor.listener.poll-timeout",
            "maxBatchSize", "gregor.listener.max-batch-size"));

    private final Map<String, String> properties;

    private BuilderProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    /** The result of {@code steps}, which set and build from properties; their errors name the property. */
    <T> T build(Supplier<T> steps) {
        try {
            return steps.get();
        } catch (InvalidConfigException e) {
            String property = properties.get(e.property());
            if (property == null) {
                throw e;
            }
            Object value = e.value() instanceof Duration duration ? DurationText.of(duration) : e.value();
            String allowed = DurationText.rewrite(e.allowed()).replace("or null", "or unset");
            throw new InvalidGregorPropertyException(property, value, allowed,
                    "Change " + property + " to an allowed value: " + allowed + ".", e);
        }
    }
}

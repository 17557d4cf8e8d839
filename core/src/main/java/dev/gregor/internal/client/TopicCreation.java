package dev.gregor.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gregor.Broker;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.TopicExistsException;
import dev.gregor.UnknownTopicException;
import dev.gregor.admin.TopicSpec;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics and waits until they can be used, blocking at most the client's {@code apiTimeout} for each step:
 * the one way both {@code KafkaClient} and the admin API create topics.
 */
public final class TopicCreation {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);

    private final TopicAdmin admin;
    private final MetadataCache metadata;
    private final OffsetLookup offsets;
    private final Duration apiTimeout;

    /** Creation through {@code admin}, waiting for the new topic through {@code metadata} and {@code offsets}. */
    public TopicCreation(TopicAdmin admin, MetadataCache metadata, OffsetLookup offsets, Duration apiTimeout) {
        this.admin = admin;
        this.metadata = metadata;
        this.offsets = offsets;
        this.apiTimeout = apiTimeout;
    }

    /**
     * Creates a topic and returns once every partition has a leader. An attempt whose answer is lost (the
     * connection closed) is retried; if the retry finds the topic shaped as asked (partitions, replication, replica
     * assignment), the lost attempt is taken to have created it.
     *
     * @throws TopicExistsException if it exists already
     */
    public void create(TopicSpec spec) {
        AtomicBoolean answerLost = new AtomicBoolean();
        try {
            Futures.await(Retries.untilDeadline(() -> admin.create(spec).whenComplete((created, failure) -> {
                if (failure != null && Futures.unwrap(failure) instanceof BrokerUnavailableException) {
                    answerLost.set(true);
                }
            }), apiTimeout), apiTimeout, "Creating topic '" + spec.name() + "'");
        } catch (TopicExistsException exists) {
            if (!answerLost.get() || !hasShape(describe(spec.name()), spec)) {
                throw exists;
            }
            log.info("Topic '{}' exists as asked after an attempt to create it lost its answer: taken as created by"
                    + " this call", spec.name());
        }
        awaitUsable(spec.name());
    }

    /** Creates a topic unless someone else did meanwhile, and waits until it can be used either way. */
    public void createIfMissing(String name, int partitions, int replicationFactor) {
        try {
            Futures.await(Retries.untilDeadline(() -> admin.create(name, partitions, replicationFactor), apiTimeout),
                    apiTimeout, "Creating topic '" + name + "'");
            log.info("Created topic '{}' ({} partitions, replication {})", name, described(partitions),
                    described(replicationFactor));
        } catch (TopicExistsException createdMeanwhile) {
            log.debug("Topic '{}' was created by someone else meanwhile", name);
        }
        awaitUsable(name);
    }

    private TopicMetadata describe(String topic) {
        return Futures.await(Retries.untilDeadline(() -> metadata.topic(topic), apiTimeout), apiTimeout,
                "Looking up topic '" + topic + "'");
    }

    private static boolean hasShape(TopicMetadata topic, TopicSpec spec) {
        if (!spec.replicaAssignment().isEmpty()) {
            return topic.partitions().size() == spec.replicaAssignment().size() && topic.partitions().stream()
                    .allMatch(partition -> ids(partition.replicas()).equals(spec.replicaAssignment().get(partition.id())));
        }
        return (spec.partitions() == TopicSpec.BROKER_DEFAULT || topic.partitions().size() == spec.partitions())
                && (spec.replicationFactor() == TopicSpec.BROKER_DEFAULT || topic.partitions().stream()
                .allMatch(partition -> partition.replicas().size() == spec.replicationFactor()));
    }

    private static List<Integer> ids(List<Broker> brokers) {
        return brokers.stream().map(Broker::id).toList();
    }

    private static String described(int count) {
        return count == TopicSpec.BROKER_DEFAULT ? "the brokers' default" : String.valueOf(count);
    }

    /**
     * Waits until a topic just created shows up in metadata with a leader for every partition, and every leader
     * answers for its partition: metadata can name a leader a moment before that broker has taken the role, and a
     * producer writing then would only collect NOT_LEADER_OR_FOLLOWER errors.
     */
    private void awaitUsable(String name) {
        Futures.await(Retries.untilDeadline(() -> metadata.topic(name), apiTimeout,
                error -> error.isRetriable() || error instanceof UnknownTopicException), apiTimeout,
                "Waiting for new topic '" + name + "'");
        Futures.await(Retries.untilDeadline(() -> offsets.offsets(name, OffsetLookup.LATEST), apiTimeout), apiTimeout,
                "Waiting for the leaders of new topic '" + name + "'");
    }
}

package dev.gregor.internal.metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.gregor.AuthenticationException;
import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.UnknownTopicException;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.MetadataRequest;
import dev.gregor.internal.protocol.message.MetadataResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's current {@link ClusterSnapshot} and the means to refresh it: from any reachable broker (known brokers
 * first, then the bootstrap list), for the topics in use, when the snapshot is older than {@code maxAge} or when
 * someone {@linkplain #invalidate reports} that leadership moved. Concurrent refreshes share one request.
 */
public final class MetadataCache {

    private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);

    private final BrokerConnections connections;
    private final List<BrokerAddress> bootstrap;
    private final long maxAgeNanos;
    private final AtomicReference<ClusterSnapshot> snapshot = new AtomicReference<>(ClusterSnapshot.empty());
    private final Set<String> topicsInUse = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ClusterSnapshot>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger watchingEveryTopic = new AtomicInteger();
    private CompletableFuture<ClusterSnapshot> refreshing;
    private Set<String> refreshingTopics = Set.of();
    private boolean refreshingAll;

    /** A cache that asks the brokers reached through {@code connections}, starting from {@code bootstrap}. */
    public MetadataCache(BrokerConnections connections, List<BrokerAddress> bootstrap, Duration maxAge) {
        this.connections = connections;
        this.bootstrap = List.copyOf(bootstrap);
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The latest snapshot, however old. */
    public ClusterSnapshot current() {
        return snapshot.get();
    }

    /**
     * The metadata of {@code topic}: from the snapshot if fresh, else after a refresh. Fails with
     * {@link UnknownTopicException} if the cluster has no such topic.
     */
    public CompletableFuture<TopicMetadata> topic(String topic) {
        topicsInUse.add(topic);
        ClusterSnapshot current = snapshot.get();
        TopicMetadata known = current.topics().get(topic);
        if (known != null && isFresh(current) && everyPartitionLed(known)) {
            return CompletableFuture.completedFuture(known);
        }
        List<BrokerAddress> askedBefore = addresses(current);
        return refresh(Set.of(topic)).thenCompose(refreshed -> isUnknown(refreshed, topic)
                        ? askEveryBroker(topic, everyAddress(askedBefore, refreshed), 0, refreshed)
                        : CompletableFuture.completedFuture(refreshed))
                .thenApply(refreshed -> require(refreshed, topic));
    }

    /** The brokers of {@code before} and of {@code after}, then the bootstrap addresses, each once. */
    private List<BrokerAddress> everyAddress(List<BrokerAddress> before, ClusterSnapshot after) {
        Set<BrokerAddress> all = new LinkedHashSet<>(addresses(after));
        all.addAll(before);
        all.addAll(bootstrap);
        return List.copyOf(all);
    }

    private static List<BrokerAddress> addresses(ClusterSnapshot snapshot) {
        return snapshot.brokers().values().stream().map(broker -> new BrokerAddress(broker.host(), broker.port())).toList();
    }

    private static boolean isUnknown(ClusterSnapshot snapshot, String topic) {
        return !snapshot.topics().containsKey(topic) && snapshot.topicErrors()
                .getOrDefault(topic, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    }

    /**
     * Asks the brokers in turn about {@code topic}, which the broker asked first did not know, until one knows it: a
     * topic just created by another client reaches each broker's metadata at its own pace, and a broker that has not
     * caught up answers as if it did not exist. Only when none knows it is it unknown. A broker that does not answer
     * is skipped.
     */
    private CompletableFuture<ClusterSnapshot> askEveryBroker(String topic, List<BrokerAddress> brokers, int index,
                                                              ClusterSnapshot last) {
        if (index == brokers.size()) {
            return CompletableFuture.completedFuture(last);
        }
        return connections.get(brokers.get(index))
                .thenCompose(connection -> request(connection, Set.of(topic)))
                .handle((answered, failure) -> answered == null ? last : answered)
                .thenCompose(answered -> answered.topics().containsKey(topic) ? CompletableFuture.completedFuture(answered)
                        : askEveryBroker(topic, brokers, index + 1, answered));
    }

    /**
     * Whether the cluster has {@code topic}, asked now (a snapshot may still list a topic deleted since); the answer
     * also updates the snapshot.
     */
    public CompletableFuture<Boolean> exists(String topic) {
        return refresh(Set.of(topic)).thenApply(refreshed -> refreshed.topics().containsKey(topic));
    }

    /** A fresh snapshot listing every topic of the cluster. */
    public CompletableFuture<ClusterSnapshot> refreshAll() {
        return refresh(null);
    }

    /**
     * Refreshes the topics in use every {@code maxAge} in the background, so that producers and consumers see new
     * partitions and moved leaders even when no error told them; every topic of the cluster while a watcher of
     * {@link #watch} asks for them (a pattern subscription).
     */
    public void refreshPeriodically(ScheduledExecutorService scheduler) {
        long period = TimeUnit.NANOSECONDS.toMillis(maxAgeNanos);
        scheduler.scheduleAtFixedRate(() -> {
            if (watchingEveryTopic.get() > 0 || !topicsInUse.isEmpty()) {
                refresh(watchingEveryTopic.get() > 0 ? null : Set.of()).exceptionally(failure -> {
                    log.debug("Periodic metadata refresh failed: {}", failure.getMessage());
                    return null;
                });
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code watcher} with every new snapshot, on the thread that received it (it must return quickly and never
     * block), until the returned action is run; with {@code everyTopic}, periodic refreshes list every topic of the
     * cluster meanwhile.
     */
    public Runnable watch(Consumer<ClusterSnapshot> watcher, boolean everyTopic) {
        watchers.add(watcher);
        if (everyTopic) {
            watchingEveryTopic.incrementAndGet();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                watchers.remove(watcher);
                if (everyTopic) {
                    watchingEveryTopic.decrementAndGet();
                }
            }
        };
    }

    /** Marks {@code topic}'s metadata as stale (a broker said leadership moved) and refreshes it in the background. */
    public void invalidate(String topic) {
        refresh(Set.of(topic));
    }

    /** Drops {@code topic} from the snapshot and stops refreshing it (it was deleted). */
    public void forget(String topic) {
        topicsInUse.remove(topic);
        snapshot.updateAndGet(current -> current.without(topic));
    }

    /** A connection to any broker that answers, trying known brokers first and then the bootstrap list. */
    public CompletableFuture<BrokerConnection> anyConnection() {
        List<BrokerAddress> candidates = new ArrayList<>(addresses(snapshot.get()));
        Collections.shuffle(candidates);
        List<BrokerAddress> shuffledBootstrap = new ArrayList<>(bootstrap);
        Collections.shuffle(shuffledBootstrap);
        shuffledBootstrap.stream().filter(address -> !candidates.contains(address)).forEach(candidates::add);
        return tryInTurn(candidates, 0, null);
    }

    private CompletableFuture<BrokerConnection> tryInTurn(List<BrokerAddress> candidates, int index, Throwable lastFailure) {
        if (index == candidates.size()) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("Cannot reach any Kafka broker of "
                    + candidates + ". Last failure: " + (lastFailure == null ? "none"
                    : Futures.unwrap(lastFailure).getMessage())));
        }
        // A refused authentication is not a broker being down: other brokers would refuse the same credentials.
        return connections.get(candidates.get(index))
                .exceptionallyCompose(failure -> Futures.unwrap(failure) instanceof AuthenticationException refused
                        ? CompletableFuture.failedFuture(refused)
                        : tryInTurn(candidates, index + 1, failure));
    }

    private synchronized CompletableFuture<ClusterSnapshot> refresh(Set<String> topics) {
        if (refreshing != null && !refreshing.isDone()
                && (refreshingAll || (topics != null && refreshingTopics.containsAll(topics)))) {
            return refreshing;
        }
        Set<String> requested = topics == null ? null : new HashSet<>(topicsInUse);
        if (requested != null) {
            requested.addAll(topics);
        }
        refreshingTopics = requested == null ? Set.of() : Set.copyOf(requested);
        refreshingAll = requested == null;
        refreshing = anyConnection().thenCompose(connection -> request(connection, requested));
        return refreshing;
    }

    private CompletableFuture<ClusterSnapshot> request(BrokerConnection connection, Set<String> topics) {
        MetadataRequest request = new MetadataRequest().setAllowAutoTopicCreation(false);
        short version = connection.version(ApiKey.METADATA);
        if (topics == null) {
            request.setTopics(version >= 1 ? null : List.of());
        } else {
            request.setTopics(topics.stream()
                    .map(name -> new MetadataRequest.MetadataRequestTopic().setName(name)).toList());
        }
        return connection.<MetadataResponse>send(ApiKey.METADATA, request).thenApply(response -> {
            ClusterSnapshot updated = snapshot.updateAndGet(previous -> previous.merge(response, topics == null, version >= 1));
            log.debug("Metadata from {}: {} brokers, {} topics", connection.address(), updated.brokers().size(),
                    updated.topics().size());
            response.release();
            watchers.forEach(watcher -> watcher.accept(updated));
            return updated;
        });
    }

    private boolean isFresh(ClusterSnapshot current) {
        return System.nanoTime() - current.takenAtNanos() < maxAgeNanos;
    }

    private static boolean everyPartitionLed(TopicMetadata topic) {
        return topic.partitions().stream().allMatch(partition -> partition.leader().isPresent());
    }

    private static TopicMetadata require(ClusterSnapshot snapshot, String topic) {
        TopicMetadata metadata = snapshot.topics().get(topic);
        if (metadata != null) {
            return metadata;
        }
        ErrorCode error = snapshot.topicErrors().getOrDefault(topic, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        throw switch (error) {
            case UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION -> new UnknownTopicException(topic);
            case TOPIC_AUTHORIZATION_FAILED -> new AuthorizationException("describe", "topic '" + topic + "'");
            default -> new BrokerErrorException("Looking up topic '" + topic + "'", error.name(), error.isRetriable());
        };
    }
}

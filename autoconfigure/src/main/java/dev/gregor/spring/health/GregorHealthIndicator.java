package dev.gregor.spring.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.gregor.Cluster;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.spring.listener.ListenerContainer;
import dev.gregor.spring.listener.TopicListenerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Gregor's health: DOWN when no broker answers within the timeout, or a listener container stopped on a failure or
 * cannot consume (its topic is missing, say); details name the cluster, its brokers (or why none answered) and every
 * container with its assignment, lag and the reason it is down. A lookup of the cluster that outlasts the timeout
 * goes on in the background and later checks wait for it rather than start another, so frequent probes against
 * unreachable brokers never pile up blocked threads.
 */
public class GregorHealthIndicator extends AbstractHealthIndicator {

    private final KafkaClient client;
    private final @Nullable TopicListenerRegistry registry;
    private final Duration timeout;
    private @Nullable CompletableFuture<Cluster> lookup;

    /** Checks {@code client}'s cluster (waiting at most {@code timeout}) and {@code registry}'s containers. */
    public GregorHealthIndicator(KafkaClient client, @Nullable TopicListenerRegistry registry, Duration timeout) {
        super("Kafka health check failed");
        this.client = client;
        this.registry = registry;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        boolean failed = !describeCluster(builder);
        if (registry != null) {
            List<Map<String, Object>> containers = new ArrayList<>();
            for (ListenerContainer container : registry.containers()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("id", container.id());
                details.put("topics", container.topics());
                container.group().ifPresent(group -> details.put("group", group));
                details.put("running", container.isRunning());
                details.put("paused", container.isPaused());
                details.put("assignment", container.assignment().stream().map(TopicPartition::toString).toList());
                Map<String, Long> lag = new TreeMap<>();
                container.lag().forEach((partition, behind) -> lag.put(partition.toString(), behind));
                details.put("lag", lag);
                container.failure().ifPresent(error -> details.put("failure", error.getMessage()));
                container.problem().ifPresent(error -> details.put("problem", error.getMessage()));
                failed |= container.failure().isPresent() || container.problem().isPresent();
                containers.add(details);
            }
            builder.withDetail("containers", containers);
        }
        if (failed) {
            builder.down();
        } else {
            builder.up();
        }
    }

    /** Adds the cluster's id and brokers, or why they are unknown; returns whether a broker answered. */
    private boolean describeCluster(Health.Builder builder) throws InterruptedException {
        try {
            Cluster cluster = clusterLookup().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.withDetail("clusterId", cluster.clusterId().orElse("unknown"))
                    .withDetail("brokers", cluster.brokers().stream().map(broker -> broker.host() + ":" + broker.port()).toList());
            return true;
        } catch (TimeoutException e) {
            builder.withDetail("error", "No broker answered within " + timeout.toMillis() + " ms (" + client
                    + "); still trying");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            builder.withDetail("error", cause instanceof KafkaException ? cause.getMessage() : cause.toString());
        }
        return false;
    }

    /** The lookup in progress, or a new one on a thread of its own once the last has finished. */
    private synchronized CompletableFuture<Cluster> clusterLookup() {
        if (lookup == null || lookup.isDone()) {
            CompletableFuture<Cluster> next = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    next.complete(client.cluster());
                } catch (RuntimeException e) {
                    next.completeExceptionally(e);
                }
            }, "gregor-health");
            thread.setDaemon(true);
            thread.start();
            lookup = next;
        }
        return lookup;
    }
}

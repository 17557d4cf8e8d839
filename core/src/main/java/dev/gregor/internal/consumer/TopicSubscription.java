package dev.gregor.internal.consumer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.group.GroupSubscription;
import dev.gregor.internal.metadata.ClusterSnapshot;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics a consumer reads as metadata shows them now: a set of named topics, or every topic whose whole name a
 * pattern matches (never one of Kafka's internal ones), re-evaluated with every metadata response (the
 * client refreshes every {@code metadataMaxAge}, listing every topic while a pattern is watched). A topic leaves
 * when metadata says it no longer exists; a topic answered with a passing error (no leader yet) keeps its place.
 */
final class TopicSubscription implements GroupSubscription, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicSubscription.class);

    private final Set<String> names;
    private final Pattern pattern;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Runnable unwatch;
    private volatile SortedMap<String, Integer> topics = new TreeMap<>();
    private boolean toldNoMatch;

    private TopicSubscription(ClientContext context, Set<String> names, Pattern pattern) {
        this.names = names;
        this.pattern = pattern;
        this.unwatch = context.metadata().watch(this::update, pattern != null);
    }

    /**
     * The named topics, each of which must exist now.
     *
     * @throws dev.gregor.UnknownTopicException if one does not
     */
    static TopicSubscription of(ClientContext context, Collection<String> names) {
        TopicSubscription subscription = new TopicSubscription(context, Set.copyOf(new TreeSet<>(names)), null);
        try {
            for (String name : subscription.names) {
                Futures.await(Retries.untilDeadline(() -> context.metadata().topic(name), context.apiTimeout()),
                        context.apiTimeout(), "Looking up topic '" + name + "'");
            }
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        subscription.update(context.metadata().current());
        return subscription;
    }

    /** The topics {@code pattern} matches, from a fresh list of every topic; none need exist yet. */
    static TopicSubscription matching(ClientContext context, Pattern pattern) {
        TopicSubscription subscription = new TopicSubscription(context, null, pattern);
        try {
            subscription.update(Futures.await(Retries.untilDeadline(() -> context.metadata().refreshAll(),
                    context.apiTimeout()), context.apiTimeout(), "Listing topics for pattern '" + pattern + "'"));
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription;
    }

    @Override
    public SortedMap<String, Integer> topics() {
        return topics;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Whether {@code topic} belongs to the subscription (it may not exist). */
    boolean covers(String topic) {
        return names != null ? names.contains(topic) : pattern.matcher(topic).matches();
    }

    private synchronized void update(ClusterSnapshot snapshot) {
        SortedMap<String, Integer> previous = topics;
        SortedMap<String, Integer> now = new TreeMap<>();
        for (TopicMetadata topic : snapshot.topics().values()) {
            if (covers(topic.name()) && (pattern == null || !topic.internal())) {
                now.put(topic.name(), topic.partitions().size());
            }
        }
        previous.forEach((topic, count) -> {
            ErrorCode error = snapshot.topicErrors().get(topic);
            if (!now.containsKey(topic) && error != null && error != ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
                now.put(topic, count);
            }
        });
        if (pattern != null) {
            tellIfNothingMatches(now);
        }
        if (!now.equals(previous)) {
            topics = now;
            listeners.forEach(Runnable::run);
        }
    }

    private void tellIfNothingMatches(Map<String, Integer> now) {
        if (now.isEmpty() && !toldNoMatch) {
            toldNoMatch = true;
            log.info("Pattern '{}' matches no topic yet: waiting for one (the topic list is read again every"
                    + " metadataMaxAge of the client)", pattern);
        }
    }

    /** Stops following metadata. */
    @Override
    public void close() {
        unwatch.run();
    }

    @Override
    public String toString() {
        if (pattern != null) {
            return "topics matching '" + pattern + "'";
        }
        return names.size() == 1 ? "topic '" + names.iterator().next() + "'" : "topics " + new TreeSet<>(names);
    }
}

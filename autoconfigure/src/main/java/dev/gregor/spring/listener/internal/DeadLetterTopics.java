package dev.gregor.spring.listener.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.KafkaClient;
import dev.gregor.TopicExistsException;

/**
 * Makes sure dead-letter topics exist, creating a missing one with its source topic's partition count and a
 * replication factor of up to 3, and remembers how many partitions each has.
 */
final class DeadLetterTopics {

    private final KafkaClient client;
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

    DeadLetterTopics(KafkaClient client) {
        this.client = client;
    }

    /** Creates {@code target} like {@code source} unless it exists; returns its partition count. */
    int ensureExists(String source, String target) {
        Integer known = partitions.get(target);
        if (known != null) {
            return known;
        }
        if (!client.topics().containsKey(target)) {
            int count = client.topic(source).partitions().size();
            int replication = Math.min(3, client.brokers().size());
            try {
                client.createTopic(target, count, replication);
            } catch (TopicExistsException raced) {
                // another container made it first
            }
        }
        int count = client.topic(target).partitions().size();
        partitions.put(target, count);
        return count;
    }
}

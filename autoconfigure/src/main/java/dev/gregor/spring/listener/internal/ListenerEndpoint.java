package dev.gregor.spring.listener.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.gregor.TopicPartition;
import dev.gregor.spring.listener.ConsumerSettings;
import dev.gregor.spring.listener.TopicListener;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TopicListener} method with its attributes resolved (placeholders replaced, defaults applied).
 *
 * @param id          the listener id
 * @param bean        the bean whose method is called
 * @param method      the method
 * @param topics      the topics named, or empty when a pattern picks them
 * @param topicPattern the pattern of the topics, or null when they are named
 * @param group       the consumer group, or null for a simple listener without one
 * @param mode        simple or balanced
 * @param coordinator the coordinator of a balanced group
 * @param partitions  the partitions of each topic of a simple listener (empty: all)
 * @param concurrency consumers of the listener's topics
 * @param autoStartup whether it starts with the context
 * @param containerFactory the name of the container factory bean, or null for the default one
 * @param notRetryable failures that skip the retries, on top of the factory's
 * @param dltHandler  whether this is a {@link dev.gregor.spring.listener.DltHandler}, whose records are never
 *                    dead-lettered again
 * @param deadLetterSources for a dead-letter handler reading default-named topics: the source topic of each of
 *                    {@code topics}, in order, to create a missing dead-letter topic like it; else empty
 * @param batch       whether it is a batch listener
 * @param maxBatchSize the most records of one batch call, or null for the factory's setting
 * @param consumer    the listener's own consumer tuning (over its factory's)
 * @param initialOffsets where partitions of a simple listener start each time its containers start (empty: where
 *                    committed offsets or the reset policy say)
 * @param replyTopic  the {@link dev.gregor.spring.listener.SendTo} topic of a method that returns replies, or null
 * @param ordering    one record at a time per container, or in parallel across keys
 * @param parallelism with key ordering, the most records a container has in flight
 */
public record ListenerEndpoint(String id, Object bean, Method method, List<String> topics, @Nullable Pattern topicPattern,
                               @Nullable String group,
                               TopicListener.Mode mode, TopicListener.Coordinator coordinator, List<Integer> partitions,
                               int concurrency, boolean autoStartup, @Nullable String containerFactory,
                               Set<Class<? extends Throwable>> notRetryable, boolean dltHandler,
                               List<String> deadLetterSources, boolean batch, @Nullable Integer maxBatchSize,
                               ConsumerSettings consumer, Map<TopicPartition, Long> initialOffsets,
                               @Nullable String replyTopic, TopicListener.Ordering ordering, int parallelism) {

    /** Copies the collections. */
    public ListenerEndpoint {
        notRetryable = Set.copyOf(notRetryable);
        deadLetterSources = List.copyOf(deadLetterSources);
        initialOffsets = Map.copyOf(initialOffsets);
    }

    /** What it reads, for logs: the topics, or the pattern. */
    public String describeTopics() {
        return topicPattern != null ? "topics matching '" + topicPattern + "'" : String.join(", ", topics);
    }
}

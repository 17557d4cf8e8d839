package dev.gregor.spring.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the records of one or more topics: named in {@link #topics()}, or every topic
 * {@link #topicPattern()} matches (topics created later join within the client's metadata max age). One container per
 * unit of {@link #concurrency()} reads all of them. Parameters: the value ({@code byte[]}, {@code String} or any
 * JSON-mapped type), the whole {@link dev.gregor.Message}, and {@link Topic}, {@link Key}, {@link PartitionId},
 * {@link Offset} and {@link Header} parameters, and an {@link Acknowledgment} for manual commits. String attributes
 * accept {@code ${...}} placeholders. What a record listener returns is its reply (see {@link SendTo}); a batch
 * listener returns nothing.
 *
 * <pre>{@code
 * @TopicListener(topics = "orders", group = "billing", mode = TopicListener.Mode.BALANCED)
 * void onOrder(Order order, @Key String customer) { ... }
 *
 * @TopicListener(topicPattern = "audit-.*", group = "auditor", mode = TopicListener.Mode.BALANCED)
 * void onAudit(String entry, @Topic String topic) { ... }
 * }</pre>
 *
 * <p>A method that throws is retried with capped exponential backoff ({@code gregor.listener.max-attempts},
 * {@code retry-backoff*}); a record that still fails, whose value cannot be converted, or whose failure is one of the
 * {@link #notRetryable()} types (or {@code gregor.listener.not-retryable}) goes to its dead-letter topic
 * ({@code <topic>.DLT}, or what a {@link DeadLetterTopicResolver} bean names) as a copy with the error in its headers,
 * and only then is its offset committed. A {@link DltHandler} method of the same bean reads those topics.
 *
 * <p>A method whose first parameter is a {@code List} ({@code List<byte[]>}, {@code List<String>}, a list of a
 * JSON-mapped type or {@code List<Message>}) is a batch listener: it gets what one poll brought, up to
 * {@link #maxBatchSize()} records of any of its partitions, in order within each; its only other parameter may be an
 * {@link Acknowledgment}. The batch's offsets are committed after it returns. A throw retries the whole batch (with
 * the same backoff); once its attempts are spent, or at once if the failure is not retryable, the failing record is
 * found (named by a {@link BatchListenerFailedException}, or else by running the records one at a time with the same
 * retries) and dead-lettered alone: the records before it count as processed, those after it are processed again as
 * a batch. A record whose value cannot be converted is dead-lettered before the batch is called, and left out of it.
 *
 * <pre>{@code
 * @TopicListener(topics = "orders", group = "export", maxBatchSize = "200")
 * void onOrders(List<Order> orders) { ... }
 * }</pre>
 *
 * <p>With {@code ordering = Ordering.KEY} a container runs records in parallel across keys and in offset order within
 * each key of a partition, at most {@link #parallelism()} at once (see {@link Ordering#KEY}).
 *
 * <pre>{@code
 * @TopicListener(topics = "orders", mode = TopicListener.Mode.BALANCED, concurrency = "4",
 *         ordering = TopicListener.Ordering.KEY, parallelism = "256")
 * void onOrder(Order order, @Key String customer) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TopicListener {

    /** How the container consumes. */
    enum Mode {
        /** All partitions (or {@link #partitions()}) with no coordination; offsets committed when a group is set. */
        SIMPLE,
        /** A member of a consumer group sharing the topic's partitions, rebalancing as members come and go. */
        BALANCED
    }

    /** Who coordinates a balanced group. */
    enum Coordinator {
        /** Kafka's group coordinator (the classic group protocol). */
        KAFKA,
        /** ZooKeeper, PyKafka style (needs {@code gregor.consumer.zookeeper-connect} or the embedded cluster). */
        ZOOKEEPER
    }

    /** In which order a container's records reach the listener. */
    enum Ordering {
        /** One record at a time on the container's thread: in offset order within each partition (the default). */
        PARTITION,
        /**
         * In parallel across keys (on virtual threads from Java 21, else on a pool of platform threads), in offset
         * order within each key of a partition; records without a key are in order among themselves, per partition.
         * At most {@link #parallelism()} records per container are in flight (running, or queued behind their key);
         * at the bound the container takes no further record until one finishes. Retries, backoff and dead letters
         * are a record listener's, and a retry holds back only its key. Commits stop, per partition, at the first
         * record not finished (without commit metadata); a revocation or a stop drops the records of its partitions
         * not started, waits for those running (at most {@code gregor.listener.revoke-timeout}, or half the
         * {@code gregor.listener.shutdown-timeout}) and commits. Not for batch listeners, an {@link Acknowledgment}
         * parameter, or a {@link SeekAware} bean.
         */
        KEY
    }

    /** The container id (for events, health and {@link TopicListenerRegistry#container(String)}); default: bean#method. */
    String id() default "";

    /** The topics to consume; set this or {@link #topicPattern()}, not both. */
    String[] topics() default {};

    /**
     * A {@link java.util.regex.Pattern} of the topics to consume (Kafka's internal topics never match); set this or
     * {@link #topics()}, not both. Simple mode reads every partition of every matching topic with one consumer, so
     * it takes no {@link #partitions()} and a concurrency of 1; balanced mode shares them in the group.
     */
    String topicPattern() default "";

    /** The consumer group; default {@code gregor.consumer.group}, else (balanced mode) the id. */
    String group() default "";

    /** Simple or balanced consumption. */
    Mode mode() default Mode.SIMPLE;

    /** The coordinator of a balanced group. */
    Coordinator coordinator() default Coordinator.KAFKA;

    /** Simple mode with {@link #topics()} only: the partitions of each topic to read (default all). */
    String[] partitions() default {};

    /**
     * Consumers of the listener's topics, each on its own thread (balanced: group members; simple: a share of the
     * topics' partitions).
     */
    String concurrency() default "1";

    /** Whether the container starts with the application context. */
    String autoStartup() default "true";

    /**
     * Failures that go to the dead-letter topic without retries when the listener throws one, or throws anything
     * caused by one; added to {@code gregor.listener.not-retryable}. For a batch listener they skip the batch's
     * retries: its failing record is looked for at once.
     */
    Class<? extends Throwable>[] notRetryable() default {};

    /**
     * {@code "true"}: a batch listener (its first parameter must be a {@code List}); {@code "false"}: a record
     * listener even if its value is a {@code List} (a JSON array, say); empty: a batch listener if the first
     * parameter is a {@code List}.
     */
    String batch() default "";

    /** Batch listeners: the most records one call gets; default {@code gregor.listener.max-batch-size}. */
    String maxBatchSize() default "";

    /** In which order records reach the listener: one at a time per container, or in parallel across keys. */
    Ordering ordering() default Ordering.PARTITION;

    /**
     * With {@code ordering = KEY}: the most records a container has in flight (running, or queued behind their key),
     * 1 or more; default 256.
     */
    String parallelism() default "";

    /** The {@link TopicListenerContainerFactory} bean to use; default: the auto-configured one. */
    String containerFactory() default "";

    /**
     * Which transactional records are read: {@code READ_UNCOMMITTED} or {@code READ_COMMITTED}; default
     * {@code gregor.consumer.isolation-level}, else read uncommitted.
     */
    String isolationLevel() default "";

    /**
     * A balanced group's session timeout (the ZooKeeper session for ZOOKEEPER), as {@code 45s} or {@code 500ms}
     * (1 s to 10 min; the heartbeat follows at a third of it, at most 3 s); default
     * {@code gregor.consumer.session-timeout}, else 10 s.
     */
    String sessionTimeout() default "";

    /**
     * How a balanced group shares partitions: {@code range} or {@code roundrobin}; default
     * {@code gregor.consumer.assignment-strategy}, else range.
     */
    String assignmentStrategy() default "";

    /**
     * Static membership (KIP-345) of a balanced group coordinated by Kafka: container {@code i} (from 0) of this
     * listener joins as {@code <groupInstanceId>-<i>}, so with concurrency 3 and {@code "billing-${HOSTNAME}"} the
     * members are {@code billing-host1-0}, {@code -1} and {@code -2}. Default from
     * {@code gregor.consumer.group-instance-id}, as {@code <that>-<listener id>-<i>}; else dynamic membership.
     */
    String groupInstanceId() default "";

    /** The least data a fetch waits for, in bytes; default {@code gregor.consumer.fetch-min-bytes}, else 1. */
    String fetchMinBytes() default "";

    /** The most data one fetch returns, in bytes; default {@code gregor.consumer.fetch-max-bytes}, else 50 MiB. */
    String fetchMaxBytes() default "";

    /**
     * The most data one fetch returns per partition, in bytes; default
     * {@code gregor.consumer.max-partition-fetch-bytes}, else 1 MiB.
     */
    String maxPartitionFetchBytes() default "";

    /**
     * How long a member of a balanced group coordinated by Kafka may go without taking a record (a listener call that
     * takes longer counts) before it leaves its group so others take its partitions, as {@code 10m} (1 s to 1 day);
     * it rejoins when it takes the next. Default {@code gregor.consumer.max-poll-interval}, else 5 min.
     */
    String maxPollInterval() default "";

    /**
     * Simple mode with {@link #topics()} only: where partitions start each time the container starts, overriding
     * committed offsets, as {@code "partition=offset"} (every named topic) or {@code "topic:partition=offset"}.
     */
    String[] initialOffsets() default {};

    /**
     * Extra {@code KafkaConsumer} properties as {@code "name=value"}, for the {@code KAFKA_CLIENTS} backend (added to
     * {@code gregor.consumer.properties}, winning for a name both set). The {@code NATIVE} backend refuses them, and
     * names Gregor decides itself (such as {@code group.id} or {@code session.timeout.ms}) are refused naming the
     * attribute to use instead.
     */
    String[] properties() default {};
}

package dev.gregor.internal.producer;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.RecordTooLargeException;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
import dev.gregor.internal.client.TopicConfigs;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.metadata.ClusterSnapshot;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every producer decides before a record is queued, whatever its backend: that it fits a request and the
 * topic's batch limit, and which partition it goes to (its own, or the partitioner's choice among the topic's
 * partitions).
 */
public final class ProducerRouting {

    private static final Logger log = LoggerFactory.getLogger(ProducerRouting.class);
    private static final int REQUEST_OVERHEAD = RecordBatchBuilder.HEADER_SIZE + 512;

    private final ClientContext context;
    private final String topic;
    private final ProducerConfig config;
    /** The topic's batch limit as read when the producer started, or null if it could not be read. */
    private final TopicConfigs.BatchLimit topicLimit;
    private volatile Described described;

    /** Routing of {@code topic}'s records under {@code config}; reads the topic's batch limit, blocking. */
    public ProducerRouting(ClientContext context, String topic, ProducerConfig config) {
        this.context = context;
        this.topic = topic;
        this.config = config;
        this.topicLimit = readTopicLimit();
    }

    private TopicConfigs.BatchLimit readTopicLimit() {
        TopicConfigs configs = new TopicConfigs(context.metadata());
        try {
            return Futures.await(Retries.untilDeadline(() -> configs.batchLimit(topic), config.maxBlock(),
                            error -> error.isRetriable() || error instanceof UnknownTopicException),
                    config.maxBlock(), "Reading the max.message.bytes of topic '" + topic + "'");
        } catch (KafkaException e) {
            log.debug("Could not read the max.message.bytes of topic '{}', so records are checked against"
                    + " maxRequestSize only: {}", topic, e.toString());
            return null;
        }
    }

    /**
     * The most record bytes a batch of this topic may hold: {@code batchSize}, or less where the topic takes smaller
     * batches.
     */
    public int batchSize() {
        return topicLimit == null ? config.batchSize()
                : Math.min(config.batchSize(), topicLimit.bytes() - RecordBatchBuilder.HEADER_SIZE);
    }

    /**
     * Fails clearly if {@code record} could not fit a request of {@code maxRequestSize} or a batch of the topic;
     * otherwise returns the most bytes it takes in a batch.
     */
    public int checkSize(ProducerRecord record) {
        int size = RecordBatchBuilder.sizeBound(record.key(), record.value(), record.headers());
        int requestRoom = config.maxRequestSize() - REQUEST_OVERHEAD;
        int topicRoom = topicLimit == null ? Integer.MAX_VALUE : topicLimit.bytes() - RecordBatchBuilder.HEADER_SIZE;
        if (size <= Math.min(requestRoom, topicRoom)) {
            return size;
        }
        if (topicRoom < requestRoom) {
            throw new RecordTooLargeException(topic, size, "the topic's max.message.bytes (" + topicLimit.bytes()
                    + " bytes per batch, " + RecordBatchBuilder.HEADER_SIZE + " of them the batch header"
                    + (topicLimit.topicOwn() ? ")" : "; the topic sets none, so this is the brokers' message.max.bytes)"),
                    "Send a smaller record, or raise the topic's max.message.bytes"
                            + (topicLimit.topicOwn() ? "." : " (or the brokers' message.max.bytes)."));
        }
        throw new RecordTooLargeException(topic, size, "the producer's maxRequestSize (" + config.maxRequestSize()
                + " bytes per request, " + REQUEST_OVERHEAD + " of them kept for the request's overhead)",
                "Send a smaller record, or raise maxRequestSize (the topic's max.message.bytes must take it too).");
    }

    /** The partition of {@code record}. */
    public int partitionOf(ProducerRecord record) {
        int count = describe().partitions().size();
        if (record.partition() >= 0) {
            if (record.partition() >= count) {
                throw new UnknownPartitionException(topic, record.partition(), count);
            }
            return record.partition();
        }
        int chosen = config.partitioner().partition(topic, record.key(), count);
        if (chosen < 0 || chosen >= count) {
            throw new InvalidConfigException("partitioner", config.partitioner(),
                    "a partitioner that returns 0 to " + (count - 1) + " for topic '" + topic + "' (it returned " + chosen + ")");
        }
        return chosen;
    }

    private TopicMetadata describe() {
        ClusterSnapshot current = context.metadata().current();
        Described last = described;
        if (last != null && last.snapshot() == current) {
            return last.topic();
        }
        TopicMetadata known = current.topics().get(topic);
        if (known == null) {
            return Futures.await(context.metadata().topic(topic), config.maxBlock(),
                    "Looking up topic '" + topic + "' to produce to it");
        }
        described = new Described(current, known);
        return known;
    }

    /** The topic as a snapshot described it: looked up once per snapshot rather than once per record. */
    private record Described(ClusterSnapshot snapshot, TopicMetadata topic) {
    }
}

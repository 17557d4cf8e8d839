package dev.gregor.internal.producer;

import dev.gregor.InvalidConfigException;
import dev.gregor.RecordTooLargeException;
import dev.gregor.UnknownPartitionException;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.client.Futures;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;

/**
 * What every producer decides before a record is queued, whatever its backend: that it fits a request, and which
 * partition it goes to (its own, or the partitioner's choice among the topic's partitions).
 */
public final class ProducerRouting {

    private static final int BATCH_OVERHEAD = RecordBatchBuilder.HEADER_SIZE + 512;

    private final ClientContext context;
    private final String topic;
    private final ProducerConfig config;

    /** Routing of {@code topic}'s records under {@code config}. */
    public ProducerRouting(ClientContext context, String topic, ProducerConfig config) {
        this.context = context;
        this.topic = topic;
        this.config = config;
    }

    /**
     * Fails clearly if {@code record} could not fit a request of {@code maxRequestSize}; otherwise returns the most
     * bytes it takes in a batch.
     */
    public int checkSize(ProducerRecord record) {
        int size = RecordBatchBuilder.sizeBound(record.key(), record.value(), record.headers());
        if (size + BATCH_OVERHEAD > config.maxRequestSize()) {
            throw new RecordTooLargeException(topic, size, config.maxRequestSize() - BATCH_OVERHEAD, "maxRequestSize");
        }
        return size;
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
        TopicMetadata known = context.metadata().current().topics().get(topic);
        return known != null ? known : Futures.await(context.metadata().topic(topic), config.maxBlock(),
                "Looking up topic '" + topic + "' to produce to it");
    }
}

package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.gregor.AbortableTransactionException;
import dev.gregor.InvalidConfigException;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.consumer.TransactionalConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's {@link TransactionalConsumer}: a balanced consumer reading {@code READ_COMMITTED}, a transactional
 * producer, and the {@link TransactionBoundary} between them. Offsets are taken from the consumer's held offsets when
 * the transaction commits, so a partition whose transaction's records were all read commits past its commit marker.
 */
public final class NativeTransactionalConsumer implements TransactionalConsumer {

    private static final Logger log = LoggerFactory.getLogger(NativeTransactionalConsumer.class);

    private final BalancedMultiTopicConsumer consumer;
    private final Producer producer;
    private final TransactionBoundary boundary;

    /**
     * Opens the producer, then joins the group with {@code consumerConfig} made {@code READ_COMMITTED} and hooked to the
     * transactions; {@code join} makes the balanced consumer from the config it is given.
     */
    public NativeTransactionalConsumer(ConsumerConfig consumerConfig, ProducerConfig producerConfig,
                                       Function<ProducerConfig, Producer> producers,
                                       Function<ConsumerConfig, BalancedMultiTopicConsumer> join) {
        requireTransactional(consumerConfig, producerConfig);
        this.boundary = new TransactionBoundary(consumerConfig.rebalanceTimeout().dividedBy(2));
        this.producer = producers.apply(producerConfig);
        try {
            this.consumer = join.apply(consumerConfig.toBuilder()
                    .isolationLevel(IsolationLevel.READ_COMMITTED)
                    .rebalanceListener(new TransactionalRevocations(boundary, consumerConfig.rebalanceListener()))
                    .build());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    private static void requireTransactional(ConsumerConfig consumerConfig, ProducerConfig producerConfig) {
        if (producerConfig.transactionalId().isEmpty()) {
            throw new InvalidConfigException("transactionalId", null, "an id for the producer of a transactional"
                    + " consumer (ProducerConfig.builder().transactionalId(\"copier-1\")), stable across restarts and"
                    + " its own for each instance");
        }
        if (consumerConfig.autoCommit()) {
            throw new InvalidConfigException("autoCommit", true, "false for a transactional consumer: its offsets"
                    + " are committed in its transactions");
        }
    }

    @Override
    public BalancedMultiTopicConsumer consumer() {
        return consumer;
    }

    @Override
    public Producer producer() {
        return producer;
    }

    @Override
    public List<Message> consumeBatch(int maxMessages, Duration timeout) {
        boundary.handOutStarted();
        List<Message> batch = List.of();
        try {
            batch = consumer.consumeBatch(maxMessages, timeout);
        } finally {
            if (boundary.handOutEnded(firstOffsets(batch))) {
                begin();
            }
        }
        return batch;
    }

    private void begin() {
        try {
            producer.beginTransaction();
        } catch (RuntimeException e) {
            boundary.ended();
            throw e;
        }
    }

    private static Map<TopicPartition, Long> firstOffsets(List<Message> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (Message message : batch) {
            first.putIfAbsent(new TopicPartition(message.topic(), message.partitionId()), message.offset());
        }
        return first;
    }

    @Override
    public boolean commit() {
        if (!boundary.isOpen()) {
            return true;
        }
        if (boundary.isDoomed()) {
            abort();
            return false;
        }
        try {
            Map<TopicPartition, Long> offsets = nextOffsets(boundary.firstOffsets().keySet());
            if (!offsets.isEmpty()) {
                producer.sendOffsets(consumer.groupMetadata(), offsets);
            }
            producer.commitTransaction();
        } catch (AbortableTransactionException e) {
            log.info("A transaction over {} could not commit, so it is aborted and its records handed out again: {}",
                    boundary.firstOffsets().keySet(), e.getMessage());
            abort();
            return false;
        }
        boundary.ended();
        return true;
    }

    /** The next offset to read of each of {@code partitions}: past the last record handed out (or commit marker). */
    private Map<TopicPartition, Long> nextOffsets(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> held = consumer.heldOffsets();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long last = held.get(partition);
            if (last != null && last >= 0) {
                next.put(partition, last + 1);
            }
        }
        return next;
    }

    @Override
    public void abort() {
        if (!boundary.isOpen()) {
            return;
        }
        Map<TopicPartition, Long> rewind = new HashMap<>(boundary.firstOffsets());
        try {
            producer.abortTransaction();
        } finally {
            boundary.ended();
        }
        rewind.keySet().retainAll(consumer.assignment());
        if (!rewind.isEmpty()) {
            consumer.resetOffsets(rewind);
        }
    }

    @Override
    public int processBatch(int maxMessages, Duration timeout, BiConsumer<Message, Producer> handler) {
        Objects.requireNonNull(handler, "handler");
        List<Message> batch = consumeBatch(maxMessages, timeout);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            batch.forEach(message -> handler.accept(message, producer));
        } catch (RuntimeException | Error e) {
            try {
                abort();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
        return commit() ? batch.size() : 0;
    }

    /** Leaves the group without waiting for the open transaction, which the producer's close then aborts. */
    @Override
    public void close() {
        boundary.closing();
        try {
            consumer.close();
        } finally {
            producer.close();
        }
    }
}

package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.group.GroupOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's own consumers: a {@link ConsumerCore} over a fixed set of partitions (the simple consumer), or over the
 * partitions a {@link dev.gregor.internal.group.GroupMembership} assigns (the balanced consumer subclass).
 */
public class NativeSimpleConsumer implements SimpleConsumer {

    private static final Logger log = LoggerFactory.getLogger(NativeSimpleConsumer.class);
    private static final Duration FOREVER = Duration.ofDays(365 * 100);

    final ClientContext context;
    final ConsumerConfig config;
    final ConsumerCore core;
    private ScheduledFuture<?> autoCommit;
    private volatile boolean closed;

    /** A simple consumer of {@code topic}, positioned and fetching when this returns. */
    public NativeSimpleConsumer(ClientContext context, String topic, ConsumerConfig config) {
        this(context, topic, config, true);
    }

    NativeSimpleConsumer(ClientContext context, String topic, ConsumerConfig config, boolean assignConfigured) {
        this.context = context;
        this.config = config;
        this.core = new ConsumerCore(context, topic, config);
        if (assignConfigured) {
            Map<Integer, Long> start = core.assign(core.configuredPartitions());
            log.info("Consuming topic '{}' partitions {} from offsets {}{}", topic, start.keySet(), start,
                    config.consumerGroup().map(group -> " for group '" + group + "'").orElse(""));
            startAutoCommit();
        }
        context.adopt().accept(this);
    }

    /** Starts periodic commits if configured; offsets are committed as {@link #commitIdentity()}. */
    final void startAutoCommit() {
        if (config.autoCommit()) {
            long interval = config.autoCommitInterval().toMillis();
            autoCommit = context.scheduler().scheduleAtFixedRate(() -> core.commitInBackground(commitIdentity()),
                    interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Who commits: a simple consumer commits outside any group membership. */
    GroupOffsets.Membership commitIdentity() {
        return GroupOffsets.Membership.STANDALONE;
    }

    @Override
    public String topic() {
        return core.topic();
    }

    @Override
    public List<Integer> partitions() {
        return core.partitions();
    }

    @Override
    public Message consume() {
        return consume(config.consumerTimeout().orElse(FOREVER));
    }

    @Override
    public Message consume(Duration timeout) {
        requireOpen();
        return core.consume(timeout);
    }

    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private Message next;

            @Override
            public boolean hasNext() {
                if (next == null && !closed) {
                    try {
                        next = consume();
                    } catch (ClientClosedException closedWhileWaiting) {
                        return false;
                    }
                }
                return next != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException(
                            "No message: the consumer timeout passed, wakeup() was called or the consumer closed");
                }
                Message message = next;
                next = null;
                return message;
            }
        };
    }

    @Override
    public void wakeup() {
        core.wakeup();
    }

    @Override
    public Map<Integer, Long> heldOffsets() {
        return core.heldOffsets();
    }

    @Override
    public Map<Integer, Long> fetchOffsets() {
        return core.fetchOffsets();
    }

    @Override
    public void commitOffsets() {
        requireOpen();
        core.commitAndWait(commitIdentity(), core.partitions(), "Committing offsets of group '"
                + core.requireGroup("commitOffsets").group() + "'");
    }

    @Override
    public CompletableFuture<Void> commitOffsetsAsync() {
        requireOpen();
        core.requireGroup("commitOffsets");
        return core.commit(commitIdentity(), core.partitions());
    }

    @Override
    public void resetOffsets(Map<Integer, Long> offsets) {
        requireOpen();
        core.resetOffsets(offsets);
    }

    @Override
    public void resetOffsets(OffsetReset where) {
        if (where == OffsetReset.NONE) {
            throw new InvalidConfigException("resetOffsets", where, "EARLIEST or LATEST");
        }
        requireOpen();
        core.resetTo(where == OffsetReset.EARLIEST ? OffsetLookup.EARLIEST : OffsetLookup.LATEST);
    }

    @Override
    public void resetOffsetsToTimestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new InvalidConfigException("resetOffsetsToTimestamp", epochMillis, "a timestamp of 0 or more");
        }
        requireOpen();
        core.resetTo(epochMillis);
    }

    @Override
    public Map<Integer, Long> lag() {
        return core.lag();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopConsuming();
        if (autoCommit != null) {
            autoCommit.cancel(false);
        }
        beforeClose();
        if (config.autoCommit()) {
            try {
                core.commitAndWait(commitIdentity(), core.partitions(), "Committing offsets on close");
            } catch (KafkaException e) {
                log.warn("The final commit of topic '{}' failed: {}", core.topic(), e.getMessage());
            }
        }
        core.close();
        context.release().accept(this);
        log.info("Consumer of topic '{}' closed", core.topic());
    }

    /**
     * The first step of {@link #close()}: a waiting consume() throws {@link ClientClosedException} now, and so does
     * every later one. A closing client takes it for all its consumers before closing any.
     */
    public void stopConsuming() {
        core.stopConsuming();
    }

    /** Work a subclass does first when closing (leaving its group). */
    void beforeClose() {
    }

    final boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new ClientClosedException("consumer of topic '" + core.topic() + "'");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + core.topic() + core.partitions() + "]";
    }
}

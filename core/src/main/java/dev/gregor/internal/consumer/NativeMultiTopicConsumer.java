package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownPartitionException;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.GroupMetadata;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.group.GroupOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's own consumers: a {@link ConsumerCore} over the partitions of a {@link TopicSubscription} (every partition
 * of its topics, or a hand-picked set of them), following the subscription as topics appear and disappear; or over
 * the partitions a {@link dev.gregor.internal.group.GroupMembership} assigns (the balanced consumer subclass).
 */
public class NativeMultiTopicConsumer implements MultiTopicConsumer {

    private static final Logger log = LoggerFactory.getLogger(NativeMultiTopicConsumer.class);
    private static final Duration FOREVER = Duration.ofDays(365 * 100);

    final ClientContext context;
    final ConsumerConfig config;
    final TopicSubscription subscription;
    final ConsumerCore core;
    private final Set<TopicPartition> handPicked;
    private final Object following = new Object();
    private volatile boolean topicsChanged;
    private ScheduledFuture<?> autoCommit;
    private volatile boolean closed;

    /**
     * A simple consumer of every partition of {@code subscription}'s topics, or only of {@code handPicked} (null:
     * all); positioned and fetching when this returns. It owns the subscription.
     *
     * @throws UnknownPartitionException if a hand-picked partition does not exist
     */
    public static NativeMultiTopicConsumer simple(ClientContext context, TopicSubscription subscription,
                                                  Set<TopicPartition> handPicked, ConsumerConfig config) {
        NativeMultiTopicConsumer consumer = new NativeMultiTopicConsumer(context, subscription, handPicked, config);
        subscription.onChange(() -> consumer.topicsChanged = true);
        try {
            Map<TopicPartition, Long> start = consumer.core.assign(handPicked != null ? handPicked : consumer.wanted());
            log.info("Consuming {} partitions {} from offsets {}{}", subscription, start.keySet(), start,
                    config.consumerGroup().map(group -> " for group '" + group + "'").orElse(""));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        consumer.startAutoCommit();
        return consumer;
    }

    NativeMultiTopicConsumer(ClientContext context, TopicSubscription subscription, Set<TopicPartition> handPicked,
                             ConsumerConfig config) {
        this.context = context;
        this.config = config;
        this.subscription = subscription;
        this.handPicked = handPicked == null ? null : Set.copyOf(handPicked);
        this.core = new ConsumerCore(context, subscription.toString(), config, this::followTopics);
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

    /** Every partition of the subscription's topics now (those hand-picked only, if so). */
    private Set<TopicPartition> wanted() {
        Set<TopicPartition> wanted = new TreeSet<>();
        subscription.topics().forEach((topic, count) -> {
            for (int id = 0; id < count; id++) {
                TopicPartition partition = new TopicPartition(topic, id);
                if (handPicked == null || handPicked.contains(partition)) {
                    wanted.add(partition);
                }
            }
        });
        return wanted;
    }

    /**
     * Takes in a change of the subscription's topics, in the consuming thread: drops the partitions of topics that
     * were deleted (committing nothing: the topic is gone) and starts reading those of new topics, or new
     * partitions, from their committed offsets or where the reset policy says.
     */
    void followTopics() {
        if (!topicsChanged) {
            return;
        }
        synchronized (following) {
            if (!topicsChanged) {
                return;
            }
            topicsChanged = false;
            Set<TopicPartition> wanted = wanted();
            Set<TopicPartition> held = new TreeSet<>(core.partitions());
            Set<TopicPartition> gone = new TreeSet<>(held);
            gone.removeAll(wanted);
            Set<TopicPartition> added = new TreeSet<>(wanted);
            added.removeAll(held);
            if (!gone.isEmpty()) {
                core.drop(gone);
                log.warn("Topics {} no longer exist: the consumer of {} stops reading their partitions {} and reads"
                        + " on the others", ConsumerCore.topicsOf(gone), core.name(), gone);
            }
            if (!added.isEmpty()) {
                Map<TopicPartition, Long> start = core.assign(added);
                log.info("{} now also reads partitions {} from offsets {}", core.name(), start.keySet(), start);
            }
        }
    }

    @Override
    public Set<String> topics() {
        return ConsumerCore.topicsOf(core.partitions());
    }

    @Override
    public List<TopicPartition> partitions() {
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
    public List<Message> consumeBatch(int maxMessages, Duration timeout) {
        if (maxMessages < 1) {
            throw new InvalidConfigException("consumeBatch maxMessages", maxMessages, "1 or more");
        }
        requireOpen();
        return core.consumeBatch(maxMessages, timeout);
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
    public Map<TopicPartition, Long> heldOffsets() {
        return core.heldOffsets();
    }

    @Override
    public Map<TopicPartition, Long> fetchOffsets() {
        return core.fetchOffsets();
    }

    @Override
    public GroupMetadata groupMetadata() {
        String group = core.requireGroup("groupMetadata").group();
        GroupOffsets.Membership member = commitIdentity();
        return new GroupMetadata(group, member.generation(), member.memberId(),
                Optional.ofNullable(member.groupInstanceId()));
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
    public CompletableFuture<Void> commitOffsetsAsync(Map<TopicPartition, Long> offsets) {
        requireOpen();
        return core.commit(commitIdentity(), offsets);
    }

    @Override
    public void resetOffsets(Map<TopicPartition, Long> offsets) {
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
    public Map<TopicPartition, Long> lag() {
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
                log.warn("The final commit of {} failed: {}", core.name(), e.getMessage());
            }
        }
        core.close();
        subscription.close();
        context.release().accept(this);
        log.info("Consumer of {} closed", core.name());
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

    private void requireOpen() {
        if (closed) {
            throw new ClientClosedException("consumer of " + core.name());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + core.name() + core.partitions() + "]";
    }
}

package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.RecordChunk;
import dev.gregor.internal.engine.RecordSource;
import dev.gregor.internal.group.GroupOffsets;
import dev.gregor.internal.metadata.TopicMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every consumer does with the partitions it holds, of any topics, whoever decides which they are: positions
 * them (committed offset, or the reset policy), consumes from one record source for all of them, tracks the next
 * offset to consume per partition, commits, resets and reports lag. Partitions can be added and taken away while
 * consuming; a partition taken away hands out no further message once {@link #revoke} has begun.
 */
final class ConsumerCore {

    private static final Logger log = LoggerFactory.getLogger(ConsumerCore.class);
    /** How often a waiting consume() looks for a failure, a wake-up, closing or a change of topics. */
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long the consuming thread waits at a time for a gate to open (a rebalance callback to return). */
    private static final long GATE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How much longer than its own deadline a blocking commit waits before giving up on hearing its outcome. */
    private static final Duration COMMIT_WAIT_BACKSTOP = Duration.ofSeconds(1);

    private final ClientContext context;
    private final String name;
    private final ConsumerConfig config;
    private final Runnable betweenPolls;
    private final OffsetLookup offsetLookup;
    private final GroupOffsets groupOffsets;
    private final Map<String, UUID> topicIds = new ConcurrentHashMap<>();
    private final Map<TopicPartition, AtomicLong> nextToConsume = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new ConcurrentHashMap<>();
    private final RecordSource pipeline;
    private final Object handOut = new Object();
    private RecordChunk current;
    private AtomicLong currentNext;
    private volatile long lastConsumeNanos = System.nanoTime();
    private final AtomicBoolean wakeup = new AtomicBoolean();
    /** Partitions assigned whose records wait until the rebalance listener has been told of them. */
    private final Set<TopicPartition> gated = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private volatile KafkaException assignmentFailure;

    /**
     * A core named {@code name} in messages (what it reads); {@code betweenPolls} runs in the consuming thread
     * before each wait for records (the consumer takes in changes of its topics there).
     */
    ConsumerCore(ClientContext context, String name, ConsumerConfig config, Runnable betweenPolls) {
        this.context = context;
        this.name = name;
        this.config = config;
        this.betweenPolls = betweenPolls;
        this.offsetLookup = new OffsetLookup(context.metadata(), context.connections());
        this.groupOffsets = config.consumerGroup()
                .map(group -> new GroupOffsets(group, context.metadata(), context.connections(), context.apiTimeout()))
                .orElse(null);
        this.pipeline = context.backend(config.backend()).recordSource(context, config, this::listOffsets);
        pipeline.start();
    }

    /** What the consumer reads, for messages. */
    String name() {
        return name;
    }

    List<TopicPartition> partitions() {
        return pipeline.partitions();
    }

    /**
     * Starts consuming {@code partitions} from their committed offsets, or where the reset policy says.
     *
     * @throws dev.gregor.UnknownTopicException     if a topic does not exist
     * @throws dev.gregor.UnknownPartitionException if a topic has no such partition
     */
    Map<TopicPartition, Long> assign(Collection<TopicPartition> partitions) {
        return assign(partitions, positions -> null);
    }

    /**
     * As {@link #assign(Collection)}, starting where {@code chooseStart} says (see
     * {@link dev.gregor.consumer.RebalanceListener#startingOffsets}) once the positions are looked up.
     */
    Map<TopicPartition, Long> assign(Collection<TopicPartition> partitions,
                                     Function<Map<TopicPartition, Long>, Map<TopicPartition, Long>> chooseStart) {
        return assign(partitions, chooseStart, false);
    }

    /**
     * As {@link #assign(Collection, Function)}; with {@code gate}, no record of the partitions is handed out until
     * {@link #openGate} (the caller tells its rebalance listener in between, as Kafka's consumers call
     * onPartitionsAssigned before any record of the partitions).
     */
    Map<TopicPartition, Long> assign(Collection<TopicPartition> partitions,
                                     Function<Map<TopicPartition, Long>, Map<TopicPartition, Long>> chooseStart,
                                     boolean gate) {
        for (String topic : topicsOf(partitions)) {
            TopicMetadata described = Futures.await(Retries.untilDeadline(() -> context.metadata().topic(topic),
                    context.apiTimeout()), context.apiTimeout(), "Looking up topic '" + topic + "'");
            partitions.stream().filter(partition -> partition.topic().equals(topic))
                    .forEach(partition -> described.partition(partition.partition()));
            topicIds.put(topic, described.topicId());
        }
        Map<TopicPartition, Long> positions = startOffsets(List.copyOf(partitions));
        Map<TopicPartition, Long> start = positions.isEmpty() ? positions : ChosenStartingOffsets.apply(name, positions,
                chooseStart.apply(Map.copyOf(positions)), (chosen, timestamp) -> Futures.await(
                        listOffsets(chosen, timestamp), context.apiTimeout(), "Looking up offsets of " + name));
        start.forEach(this::setNextToConsume);
        if (gate) {
            gated.addAll(start.keySet());
        }
        synchronized (handOut) {
            pipeline.assign(start);
            dropCurrentChunkOf(start.keySet());
        }
        return start;
    }

    /** Lets the records of {@code partitions}, assigned with a gate, be handed out. */
    void openGate(Collection<TopicPartition> partitions) {
        gated.removeAll(partitions);
    }

    /** Whether the chunk in hand is of a partition whose gate is still closed: it waits, whole, until it opens. */
    private boolean gatedChunkInHand() {
        RecordChunk chunk = current;
        return chunk != null && !gated.isEmpty() && gated.contains(chunk.partition());
    }

    /**
     * Stops consuming {@code partitions}: no message of theirs is handed out once this begins; then asks
     * {@code chooseOffsets} for the offsets to commit (null: the consumed positions; see
     * {@link dev.gregor.consumer.RebalanceListener#offsetsToCommitOnRevoke}), commits them as {@code identity} (when a
     * group is set) and forgets the partitions.
     */
    void revoke(Set<TopicPartition> partitions, GroupOffsets.Membership identity,
                Function<Set<TopicPartition>, Map<TopicPartition, Long>> chooseOffsets) {
        stopReading(partitions);
        Map<TopicPartition, Long> chosen = chooseOffsets.apply(Set.copyOf(partitions));
        if (groupOffsets != null) {
            try {
                String operation = "Committing revoked partitions " + partitions;
                if (chosen == null) {
                    commitAndWait(identity, partitions, operation);
                } else {
                    Map<TopicPartition, Long> offsets = new TreeMap<>(chosen);
                    offsets.keySet().retainAll(partitions);
                    offsets.values().removeIf(offset -> offset == null || offset < 0);
                    Futures.await(commitExactly(identity, offsets), context.apiTimeout().plus(COMMIT_WAIT_BACKSTOP),
                            operation);
                }
            } catch (KafkaException e) {
                log.warn("Could not commit the offsets of revoked partitions {}: {}", partitions, e.getMessage());
            }
        }
        forget(partitions);
    }

    /** Stops consuming {@code partitions} of topics that no longer exist, committing nothing for them. */
    void drop(Set<TopicPartition> partitions) {
        stopReading(partitions);
        forget(partitions);
    }

    private void forget(Set<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            nextToConsume.remove(partition);
            lastCommitted.remove(partition);
        });
    }

    /**
     * Hands out no further message of any partition held and fetches none, keeping their positions for the
     * {@link #revoke} that follows (which commits them). Auto-commits skip them from now on.
     */
    void stopReading() {
        stopReading(Set.copyOf(partitions()));
    }

    private void stopReading(Set<TopicPartition> partitions) {
        synchronized (handOut) {
            pipeline.revoke(partitions);
            dropCurrentChunkOf(partitions);
        }
    }

    /**
     * Drops the chunk being read if it belongs to one of {@code partitions}, whose position just changed. Called
     * under the hand-out lock together with that change, so the consuming thread only needs to check a chunk once,
     * when it takes it.
     */
    private void dropCurrentChunkOf(Collection<TopicPartition> partitions) {
        if (current != null && partitions.contains(current.partition())) {
            pipeline.consumed(current);
            current = null;
            currentNext = null;
        }
    }

    private Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> start = new TreeMap<>();
        if (partitions.isEmpty()) {
            return start;
        }
        if (groupOffsets != null) {
            Map<TopicPartition, Long> committed = Futures.await(groupOffsets.fetch(partitions, topicIds),
                    context.apiTimeout(), "Reading the offsets of group '" + groupOffsets.group() + "'");
            committed.forEach((partition, offset) -> {
                if (offset >= 0) {
                    start.put(partition, offset);
                    lastCommitted.put(partition, offset);
                }
            });
        }
        List<TopicPartition> missing = partitions.stream().filter(partition -> !start.containsKey(partition)).toList();
        if (!missing.isEmpty()) {
            if (config.autoOffsetReset() == OffsetReset.NONE) {
                throw OffsetOutOfRangeException.noCommittedOffset(missing, groupOffsets != null ? groupOffsets.group() : null);
            }
            start.putAll(Futures.await(listOffsets(missing, config.autoOffsetReset() == OffsetReset.EARLIEST
                    ? OffsetLookup.EARLIEST : OffsetLookup.LATEST), context.apiTimeout(), "Looking up offsets of " + name));
        }
        return start;
    }

    /** The offsets of {@code partitions} at {@code timestamp}, retried until the API timeout. */
    CompletableFuture<Map<TopicPartition, Long>> listOffsets(Collection<TopicPartition> partitions, long timestamp) {
        return Retries.untilDeadline(() -> offsetLookup.offsets(partitions, timestamp), context.apiTimeout());
    }

    /**
     * Makes the waiting {@link #consume}, or the next one if none waits, return null at once (within one poll
     * slice).
     */
    void wakeup() {
        wakeup.set(true);
    }

    /**
     * Makes the waiting {@link #consume} and every later one throw {@link ClientClosedException}: called first
     * when the consumer closes, so a consuming thread ends even while the closing commit or leave still waits.
     */
    void stopConsuming() {
        stopped = true;
    }

    /** Whether {@link #stopConsuming()} was called: the consumer is closing. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Positioning partitions a group assigned failed (no committed offset and no reset policy, say): the waiting
     * {@link #consume} and every later one throw {@code failure}, since those partitions will not be read.
     */
    void failAssignment(KafkaException failure) {
        assignmentFailure = failure;
    }

    /** How long ago the application last asked for a message. */
    Duration sinceLastConsume() {
        return Duration.ofNanos(System.nanoTime() - lastConsumeNanos);
    }

    /**
     * The next message within {@code timeout}, or null. The next offset of the chunk's partition is kept in a holder
     * taken once per chunk, so handing out a message costs no map lookup.
     */
    Message consume(Duration timeout) {
        long start = System.nanoTime();
        lastConsumeNanos = start;
        long deadline = start + timeout.toNanos();
        while (true) {
            if (stopped) {
                throw new ClientClosedException("consumer of " + name);
            }
            if (wakeup.getAndSet(false)) {
                return null;
            }
            KafkaException failure = assignmentFailure != null ? assignmentFailure : pipeline.failure();
            if (failure != null) {
                throw Futures.rethrown(failure);
            }
            Message message = nextOfCurrentChunk();
            if (message != null) {
                return message;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            if (gatedChunkInHand()) {
                LockSupport.parkNanos(Math.min(remaining, GATE_WAIT_NANOS));
                continue;
            }
            betweenPolls.run();
            try {
                takeChunk(pipeline.poll(Math.min(remaining, POLL_SLICE_NANOS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * Up to {@code maxMessages} messages: waits up to {@code timeout} for the first (as {@link #consume}), then adds
     * only what is fetched already, without waiting again. Empty if none came.
     */
    List<Message> consumeBatch(int maxMessages, Duration timeout) {
        Message first = consume(timeout);
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(Math.min(maxMessages, 512));
        batch.add(first);
        while (batch.size() < maxMessages && !stopped) {
            Message message = nextOfCurrentChunk();
            if (message != null) {
                batch.add(message);
            } else if (gatedChunkInHand() || !takeChunk(fetchedAlready())) {
                break;
            }
        }
        return batch;
    }

    /** A chunk fetched already, or null; never waits. */
    private RecordChunk fetchedAlready() {
        try {
            return pipeline.poll(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next message of the chunk being read, or null (and the chunk released) when it has none. */
    private Message nextOfCurrentChunk() {
        synchronized (handOut) {
            if (current == null || gatedChunkInHand()) {
                return null;
            }
            Message message = current.next();
            if (message != null) {
                currentNext.lazySet(message.offset() + 1);
                return message;
            }
            // Used up: the position passes what the chunk held but did not hand out (a transaction's marker).
            if (currentNext.get() < current.endOffset()) {
                currentNext.lazySet(current.endOffset());
            }
            pipeline.consumed(current);
            current = null;
            currentNext = null;
            return null;
        }
    }

    /** Makes {@code next} the chunk being read if it is still current (a stale one is released); false if null. */
    private boolean takeChunk(RecordChunk next) {
        if (next == null) {
            return false;
        }
        synchronized (handOut) {
            if (pipeline.isCurrent(next)) {
                current = next;
                currentNext = nextToConsume.get(next.partition());
            } else {
                pipeline.consumed(next);
            }
        }
        return true;
    }

    Map<TopicPartition, Long> heldOffsets() {
        Map<TopicPartition, Long> held = new TreeMap<>();
        nextToConsume.forEach((partition, next) -> held.put(partition, next.get() - 1));
        return held;
    }

    Map<TopicPartition, Long> fetchOffsets() {
        GroupOffsets offsets = requireGroup("fetchOffsets");
        return new TreeMap<>(Futures.await(offsets.fetch(partitions(), topicIds), context.apiTimeout(),
                "Reading the offsets of group '" + offsets.group() + "'"));
    }

    /** Commits, as {@code identity}, the next offsets of {@code partitions} that changed since their last commit. */
    CompletableFuture<Void> commit(GroupOffsets.Membership identity, Collection<TopicPartition> partitions) {
        GroupOffsets offsets = requireGroup("commitOffsets");
        Map<TopicPartition, Long> changed = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            AtomicLong held = nextToConsume.get(partition);
            Long next = held == null ? null : held.get();
            if (next != null && !next.equals(lastCommitted.get(partition))) {
                changed.put(partition, next);
            }
        }
        return offsets.commit(changed, topicIds, identity).thenRun(() -> lastCommitted.putAll(changed));
    }

    /**
     * Commits, as {@code identity}, the given next offsets of held partitions (the caller's choice, not the consumed
     * positions).
     *
     * @throws InvalidConfigException if a partition is not held or an offset is negative
     */
    CompletableFuture<Void> commit(GroupOffsets.Membership identity, Map<TopicPartition, Long> offsets) {
        requireGroup("commitOffsets");
        checkHeld("commitOffsets", offsets);
        return commitExactly(identity, new TreeMap<>(offsets));
    }

    private CompletableFuture<Void> commitExactly(GroupOffsets.Membership identity, Map<TopicPartition, Long> offsets) {
        return groupOffsets.commit(offsets, topicIds, identity).thenRun(() -> lastCommitted.putAll(offsets));
    }

    /**
     * As {@link #commit}, waiting for the outcome. The commit ends by its own deadline (the API timeout) with its
     * own reason, a moved or unavailable coordinator say; the wait's longer bound is only a backstop.
     */
    void commitAndWait(GroupOffsets.Membership identity, Collection<TopicPartition> partitions, String operation) {
        Futures.await(commit(identity, partitions), context.apiTimeout().plus(COMMIT_WAIT_BACKSTOP), operation);
    }

    /** Commits every held partition; failures are logged, for periodic auto-commit. */
    void commitInBackground(GroupOffsets.Membership identity) {
        commit(identity, partitions()).exceptionally(failure -> {
            log.warn("Auto-commit for group '{}' failed, will retry: {}", groupOffsets.group(), failure.getMessage());
            return null;
        });
    }

    void resetOffsets(Map<TopicPartition, Long> offsets) {
        checkHeld("resetOffsets", offsets);
        synchronized (handOut) {
            offsets.forEach((partition, offset) -> {
                pipeline.seek(partition, offset);
                setNextToConsume(partition, offset);
            });
            dropCurrentChunkOf(offsets.keySet());
        }
        log.info("Offsets of {} reset to {}", name, offsets);
    }

    private void checkHeld(String operation, Map<TopicPartition, Long> offsets) {
        List<TopicPartition> held = partitions();
        offsets.forEach((partition, offset) -> {
            if (!held.contains(partition)) {
                throw new InvalidConfigException(operation + " partition", partition, "one of this consumer's partitions " + held);
            }
            if (offset == null || offset < 0) {
                throw new InvalidConfigException(operation + " offset for partition " + partition, offset, "an offset of 0 or more");
            }
        });
    }

    /** Moves every held partition to the offset for {@code timestamp} (EARLIEST, LATEST or epoch ms; end if none). */
    void resetTo(long timestamp) {
        List<TopicPartition> held = partitions();
        Map<TopicPartition, Long> found = Futures.await(listOffsets(held, timestamp), context.apiTimeout(),
                "Looking up offsets of " + name);
        Map<TopicPartition, Long> ends = timestamp >= 0
                ? Futures.await(listOffsets(held, OffsetLookup.LATEST), context.apiTimeout(), "Looking up offsets") : found;
        Map<TopicPartition, Long> targets = new TreeMap<>();
        for (TopicPartition partition : held) {
            long offset = found.get(partition);
            targets.put(partition, offset >= 0 ? offset : ends.get(partition));
        }
        resetOffsets(targets);
    }

    Map<TopicPartition, Long> lag() {
        List<TopicPartition> held = partitions();
        Map<TopicPartition, Long> ends = null;
        Map<TopicPartition, Long> lag = new TreeMap<>();
        for (TopicPartition partition : held) {
            long highWatermark = pipeline.highWatermark(partition);
            if (highWatermark < 0) {
                if (ends == null) {
                    ends = Futures.await(listOffsets(held, OffsetLookup.LATEST), context.apiTimeout(), "Looking up offsets");
                }
                highWatermark = ends.get(partition);
            }
            AtomicLong next = nextToConsume.get(partition);
            lag.put(partition, Math.max(0, highWatermark - (next == null ? highWatermark : next.get())));
        }
        return lag;
    }

    private void setNextToConsume(TopicPartition partition, long offset) {
        nextToConsume.computeIfAbsent(partition, ignored -> new AtomicLong()).set(offset);
    }

    void close() {
        pipeline.close();
        synchronized (handOut) {
            if (current != null) {
                current.release();
                current = null;
            }
        }
    }

    GroupOffsets requireGroup(String operation) {
        if (groupOffsets == null) {
            throw new InvalidConfigException("consumerGroup", null, "a consumer group, to use " + operation);
        }
        return groupOffsets;
    }

    /** The topics of {@code partitions}, sorted. */
    static Set<String> topicsOf(Collection<TopicPartition> partitions) {
        Set<String> topics = new TreeSet<>();
        partitions.forEach(partition -> topics.add(partition.topic()));
        return topics;
    }
}

package dev.gregor.spring.listener.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaClient;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.RebalanceListener;
import dev.gregor.spring.listener.ContainerSettings;
import dev.gregor.spring.listener.ListenerContainer;
import dev.gregor.spring.listener.ListenerContainerEvent;
import dev.gregor.spring.listener.RecordObserver;
import dev.gregor.spring.listener.SeekAware;
import dev.gregor.spring.listener.TopicListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One consumer of a listener's topics on its own thread, handing each record to a {@link RecordDispatcher} (or each
 * poll's records to a {@link BatchDispatcher}) and committing only what was processed (with an
 * {@link dev.gregor.spring.listener.Acknowledgment}: what was acknowledged): every {@code commitInterval} between
 * calls without waiting, and synchronously when stopping. A missing topic or a broker that cannot be reached keeps the container retrying in the background
 * (reported as {@link ListenerContainerEvent.Failed} and as its {@link #problem()}; logged at WARN the first time, at
 * DEBUG while the same error repeats); a record that can be neither processed nor dead-lettered stops it, visibly,
 * without committing past the record. A {@link SeekAware} listener's seeks are queued and applied on this thread
 * between records. When the group revokes a partition of the records in hand (a record, or a
 * batch), the revocation waits for the listener (at most {@code revokeTimeout}) and commits past them only if they
 * were processed: see {@link RecordsInHand}. A key-ordered listener's records run on a {@link KeyOrderedDispatcher}:
 * this thread only takes them while there is room under the parallelism, commits the watermarks, and on a
 * revocation or a stop lets the dispatcher drop the records not started and wait for those running.
 */
public final class ConsumerContainer implements ListenerContainer, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerContainer.class);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(2);

    private final String id;
    private final ListenerEndpoint endpoint;
    private final int index;
    private final KafkaClient client;
    private final ContainerSettings settings;
    private final ListenerDispatch dispatch;
    private final ApplicationEventPublisher events;
    private final List<RecordObserver> observers;
    private final Object pauseLock = new Object();
    private volatile @Nullable Thread thread;
    private volatile boolean stopRequested;
    private volatile boolean paused;
    private boolean initialOffsetsPending;
    private boolean assignmentPending;
    private final @Nullable SeekAware seekAware;
    private final SeekRequests seeks;
    private final Set<TopicPartition> announced = new HashSet<>();
    private volatile @Nullable MultiTopicConsumer consumer;
    private volatile @Nullable Throwable failure;
    private volatile @Nullable KafkaException problem;
    private final RecordsInHand inHand = new RecordsInHand();
    private final DeadLetterTopics deadLetterTopics;
    private CompletableFuture<Void> commitInFlight = CompletableFuture.completedFuture(null);
    private @Nullable AcknowledgedOffsets acknowledged;
    private volatile @Nullable KeyOrderedDispatcher keyed;
    private volatile Duration drainTimeout = Duration.ZERO;
    private long nextCommit;

    /** The {@code index}-th consumer of {@code endpoint}'s topics. */
    public ConsumerContainer(ListenerEndpoint endpoint, int index, KafkaClient client,
                             ContainerSettings settings, ListenerDispatch dispatch, ApplicationEventPublisher events,
                             List<RecordObserver> observers) {
        this.id = endpoint.id() + "-" + index;
        this.endpoint = endpoint;
        this.index = index;
        this.client = client;
        this.settings = settings;
        this.dispatch = dispatch;
        this.events = events;
        this.observers = List.copyOf(observers);
        this.seekAware = endpoint.bean() instanceof SeekAware aware ? aware : null;
        this.seeks = new SeekRequests(id);
        this.deadLetterTopics = new DeadLetterTopics(client);
    }

    /** Starts the container's thread (once; a stopped container can be started again). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        stopRequested = false;
        initialOffsetsPending = !endpoint.initialOffsets().isEmpty();
        assignmentPending = endpoint.mode() == TopicListener.Mode.SIMPLE;
        failure = null;
        problem = null;
        Thread started = new Thread(this, "gregor-listener-" + id);
        started.setDaemon(false);
        thread = started;
        started.start();
    }

    /**
     * Asks the thread to finish the record in hand (a key-ordered container: those running, waiting for them at most
     * {@code drainTimeout}), commit and close; returns at once.
     */
    public void requestStop(Duration drainTimeout) {
        synchronized (this) {
            this.drainTimeout = drainTimeout;
            stopRequested = true;
        }
        resume();
    }

    /**
     * Waits up to {@code timeout} for the thread to finish after {@link #requestStop}; if it does not, logs that
     * the container did not stop within {@code shutdownTimeout} (the bound all containers shared).
     */
    public void awaitStopped(Duration timeout, Duration shutdownTimeout) {
        Thread running = thread;
        if (running == null) {
            return;
        }
        try {
            running.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            log.warn("Listener container {} did not stop within {} (gregor.listener.shutdown-timeout): it goes on"
                    + " finishing its record and committing in the background until the client closes", id,
                    shutdownTimeout);
        }
    }

    @Override
    public void run() {
        events.publishEvent(new ListenerContainerEvent.Started(this));
        if (seekAware != null) {
            seekAware.registerSeekCallback(seeks);
        }
        boolean idle = false;
        nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
        keyed = dispatch.parallelism() > 0 ? new KeyOrderedDispatcher(id, dispatch.records(), dispatch.parallelism(),
                () -> stopRequested, this::observe) : null;
        try {
            while (!stopRequested) {
                MultiTopicConsumer current = consumer;
                if (current == null) {
                    current = connect();
                    if (current == null) {
                        continue;
                    }
                }
                if (paused) {
                    waitWhilePaused();
                    continue;
                }
                int room = roomInFlight();
                List<Message> taken;
                MultiTopicConsumer source = current;
                try {
                    if (seekAware != null) {
                        seeks.apply(current, client);
                    }
                    taken = inHand.take(() -> room == 0 ? keepInGroup(source) : poll(source, room));
                } catch (KafkaException e) {
                    reportAndReconnect(e);
                    continue;
                }
                if (room == 0 && taken.isEmpty()) {
                    commitIfDue(current);
                    continue;
                }
                if (!taken.isEmpty() && seekAware != null && (taken = seekable(current, taken)).isEmpty()) {
                    continue;
                }
                if (taken.isEmpty()) {
                    if (!idle) {
                        idle = true;
                        events.publishEvent(new ListenerContainerEvent.Idle(this));
                    }
                } else {
                    idle = false;
                    try {
                        KeyOrderedDispatcher parallel = keyed;
                        if (parallel != null) {
                            parallel.submit(taken);
                        } else if (!holdWhilePaused()) {
                            rewindTo(current, firstOffsets(taken));
                            break;
                        } else if (dispatch.batches() != null) {
                            handleBatch(current, taken);
                        } else {
                            handle(current, taken.get(0));
                        }
                    } finally {
                        inHand.finish();
                    }
                }
                commitIfDue(current);
            }
        } catch (ListenerFailedException e) {
            failure = e;
            log.error("Listener container {} stopped: {}", id, e.getMessage(), e.getCause());
            events.publishEvent(new ListenerContainerEvent.Failed(this, e));
        } finally {
            closeConsumer();
            KeyOrderedDispatcher parallel = keyed;
            if (parallel != null) {
                parallel.shutdown();
            }
            synchronized (this) {
                thread = null;
            }
            events.publishEvent(new ListenerContainerEvent.Stopped(this));
        }
    }

    /**
     * How many records may be taken now: 1 (or a batch), or for a key-ordered container the room left under its
     * parallelism, after waiting at most the poll timeout for some (0 if none came).
     *
     * @throws ListenerFailedException if a key-ordered record could be neither processed nor dead-lettered
     */
    private int roomInFlight() {
        KeyOrderedDispatcher parallel = keyed;
        if (parallel == null) {
            return 1;
        }
        ListenerFailedException failed = parallel.failure();
        if (failed != null) {
            throw failed;
        }
        return parallel.awaitRoom(settings.pollTimeout());
    }

    /**
     * For a key-ordered container at its parallelism, which takes no record: asks the consumer for one in a way that
     * returns at once without one (after {@code wakeup()}), so that the member does not look stalled to its group
     * (max poll interval) while its records are in flight. Heartbeats go on meanwhile on the membership's thread.
     */
    private static List<Message> keepInGroup(MultiTopicConsumer source) {
        source.wakeup();
        Message stray = source.consume(Duration.ZERO);
        return stray == null ? List.of() : List.of(stray);
    }

    private void commitIfDue(MultiTopicConsumer current) {
        if (endpoint.group() != null && System.nanoTime() - nextCommit >= 0) {
            commitInBackground(current);
            nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
        }
    }

    /**
     * One record, a batch for a batch listener, or up to {@code room} records for a key-ordered one; empty if none
     * came within the poll timeout.
     */
    private List<Message> poll(MultiTopicConsumer source, int room) {
        if (dispatch.batches() != null) {
            return source.consumeBatch(dispatch.maxBatchSize(), settings.pollTimeout());
        }
        if (keyed != null) {
            return source.consumeBatch(room, settings.pollTimeout());
        }
        Message message = source.consume(settings.pollTimeout());
        return message == null ? List.of() : List.of(message);
    }

    private void handle(MultiTopicConsumer current, Message message) {
        AcknowledgedOffsets manual = acknowledged;
        ListAcknowledgment acknowledgment = manual == null ? null : new ListAcknowledgment(List.of(message), manual);
        try {
            boolean deadLettered = dispatch.records().dispatch(message, acknowledgment, () -> stopRequested);
            handled(message, deadLettered);
        } catch (RuntimeException e) {
            rewindTo(current, firstOffsets(List.of(message)));
            throw e instanceof ListenerFailedException failed ? failed
                    : new ListenerFailedException("Could not process or dead-letter the record at offset "
                    + message.offset() + " of " + message.topic() + "-" + message.partitionId(), e);
        }
        if (acknowledgment != null && acknowledgment.pause() != null) {
            redeliver(current, acknowledgment);
        }
    }

    /**
     * Hands a poll's records to the batch listener; if it fails for good, the consumer goes back to the first record
     * of each partition that was neither processed nor dead-lettered, so no commit passes it.
     */
    private void handleBatch(MultiTopicConsumer current, List<Message> batch) {
        Set<Message> done = Collections.newSetFromMap(new IdentityHashMap<>());
        ListAcknowledgment nacked;
        try {
            nacked = dispatch.batches().dispatch(batch, acknowledged, () -> stopRequested, (message, deadLettered) -> {
                done.add(message);
                handled(message, deadLettered);
            });
        } catch (RuntimeException e) {
            rewindTo(current, firstOffsets(batch.stream().filter(message -> !done.contains(message)).toList()));
            throw e instanceof ListenerFailedException failed ? failed
                    : new ListenerFailedException("Could not process or dead-letter a batch of " + batch.size()
                    + " records", e);
        }
        if (nacked != null) {
            redeliver(current, nacked);
        }
    }

    private void handled(Message message, boolean deadLettered) {
        inHand.handled(message);
        AcknowledgedOffsets manual = acknowledged;
        if (deadLettered && manual != null) {
            manual.deadLettered(message);
        }
        observe(message, deadLettered);
    }

    private void observe(Message message, boolean deadLettered) {
        for (RecordObserver observer : observers) {
            observer.processed(this, message, deadLettered);
        }
    }

    /**
     * After a nack: goes back to the nacked record (in each partition of a batch, to its first record from the nacked
     * one on), then pauses the whole container, since the consumer cannot pause single partitions.
     */
    private void redeliver(MultiTopicConsumer current, ListAcknowledgment nacked) {
        rewindTo(current, nacked.redelivery());
        long until = System.nanoTime() + nacked.pause().toNanos();
        synchronized (pauseLock) {
            while (!stopRequested && System.nanoTime() - until < 0) {
                waitOn(pauseLock, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            }
        }
    }

    /** Per partition, the first offset among {@code messages}. */
    private static Map<TopicPartition, Long> firstOffsets(List<Message> messages) {
        Map<TopicPartition, Long> first = new TreeMap<>();
        messages.forEach(message -> first.merge(AcknowledgedOffsets.partitionOf(message), message.offset(), Math::min));
        return first;
    }

    /** For messages neither processed nor dead-lettered: the consumer goes back to them, so no commit passes them. */
    private void rewindTo(MultiTopicConsumer current, Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            current.resetOffsets(offsets);
        } catch (RuntimeException notHeldAnyMore) {
            log.debug("Could not rewind to {}: {}", offsets, notHeldAnyMore.toString());
        }
    }

    /**
     * Whether {@code message} may go to the listener as far as seeks go: a balanced container first waits until the
     * listener was told its partition is assigned (so that seeks asked on assignment come first), then applies the
     * seeks queued; false if they moved its partition (the message was fetched before the move) or the container
     * stops meanwhile.
     */
    private boolean seekable(MultiTopicConsumer current, Message message) {
        TopicPartition partition = TopicPartition.of(message.topic(), message.partitionId());
        if (endpoint.mode() == TopicListener.Mode.BALANCED) {
            synchronized (announced) {
                while (!announced.contains(partition) && !stopRequested) {
                    waitOn(announced, settings.pollTimeout().toMillis());
                }
            }
            if (stopRequested) {
                rewindTo(current, firstOffsets(List.of(message)));
                return false;
            }
        }
        return !seeks.apply(current, client).contains(partition);
    }

    /**
     * The records taken (one, or a batch) whose partitions no seek moved since they were fetched; none if the
     * container stops meanwhile (then every partition of them is rewound to its first record). Those dropped count
     * as handled for a revocation, and when none is left the records in hand are finished.
     */
    private List<Message> seekable(MultiTopicConsumer current, List<Message> batch) {
        List<Message> kept = new ArrayList<>(batch.size());
        for (Message message : batch) {
            if (seekable(current, message)) {
                kept.add(message);
            } else if (stopRequested) {
                rewindTo(current, firstOffsets(batch));
                kept.clear();
                break;
            } else {
                inHand.handled(message);
            }
        }
        if (kept.isEmpty()) {
            inHand.finish();
        }
        return kept;
    }

    /** Tells a seek-aware listener of partitions assigned to this container, then lets their records through. */
    private void announce(Set<TopicPartition> partitions) {
        if (seekAware == null) {
            return;
        }
        try {
            seekAware.onPartitionsAssigned(partitions, seeks);
        } catch (RuntimeException e) {
            log.warn("Listener container {}: onPartitionsAssigned of {} threw; its partitions start where they were",
                    id, endpoint.bean(), e);
        }
        synchronized (announced) {
            announced.addAll(partitions);
            announced.notifyAll();
        }
    }

    /** Moves the partitions of this container that the listener gives an initial offset to it (once per start). */
    private void startAtInitialOffsets(MultiTopicConsumer opened) {
        Map<TopicPartition, Long> mine = new HashMap<>();
        for (TopicPartition partition : opened.partitions()) {
            Long offset = endpoint.initialOffsets().get(partition);
            if (offset != null) {
                mine.put(partition, offset);
            }
        }
        if (!mine.isEmpty()) {
            opened.resetOffsets(mine);
            log.info("Listener container {} starts {} at the listener's initial offsets", id, mine);
        }
        initialOffsetsPending = false;
    }

    private @Nullable MultiTopicConsumer connect() {
        try {
            MultiTopicConsumer opened = open();
            acknowledged = dispatch.acknowledges() ? new AcknowledgedOffsets() : null;
            consumer = opened;
            if (initialOffsetsPending) {
                startAtInitialOffsets(opened);
            }
            if (assignmentPending) {
                assignmentPending = false;
                announce(Set.copyOf(opened.partitions()));
            }
            problem = null;
            log.info("Listener container {} consuming {} ({} mode{})", id, endpoint.describeTopics(), endpoint.mode(),
                    endpoint.group() == null ? "" : ", group " + endpoint.group());
            return opened;
        } catch (KafkaException e) {
            reportAndReconnect(e);
            return null;
        }
    }

    /**
     * The consumer of this container. Named topics must exist (a missing one is reported and retried, as for a
     * single topic), except the default-named dead-letter topics of a dead-letter handler, made like their sources;
     * a pattern waits for matching topics.
     */
    private MultiTopicConsumer open() {
        for (int i = 0; i < endpoint.deadLetterSources().size(); i++) {
            deadLetterTopics.ensureExists(endpoint.deadLetterSources().get(i), endpoint.topics().get(i));
        }
        List<Topic> named = endpoint.topics().stream().map(client::topic).toList();
        ConsumerConfig config = consumerConfig();
        if (endpoint.mode() == TopicListener.Mode.BALANCED) {
            return endpoint.topicPattern() != null
                    ? client.balancedConsumer(config, endpoint.topicPattern())
                    : client.balancedConsumer(config, endpoint.topics());
        }
        return endpoint.topicPattern() != null
                ? client.simpleConsumer(config, endpoint.topicPattern())
                : client.simpleConsumer(config, shareOfPartitions(named));
    }

    /** This container's share of the named topics' partitions (all, or those listed), dealt in turn. */
    private List<TopicPartition> shareOfPartitions(List<Topic> topics) {
        List<TopicPartition> wanted = new ArrayList<>();
        for (Topic topic : topics) {
            if (endpoint.partitions().isEmpty()) {
                topic.partitions().forEach(partition -> wanted.add(TopicPartition.of(topic.name(), partition.id())));
            } else {
                endpoint.partitions().forEach(partition -> wanted.add(TopicPartition.of(topic.name(), partition)));
            }
        }
        List<TopicPartition> share = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (i % endpoint.concurrency() == index) {
                share.add(wanted.get(i));
            }
        }
        return share;
    }

    /**
     * The configuration of this container's consumer: the factory's settings under the listener's own.
     *
     * @throws IllegalStateException if the listener's settings cannot make one (naming the attribute)
     */
    public ConsumerConfig consumerConfig() {
        ConsumerConfig.Builder config = ConsumerConfig.builder().autoCommit(false)
                .autoOffsetReset(settings.autoOffsetReset()).backend(settings.backend());
        if (endpoint.group() != null) {
            config.consumerGroup(endpoint.group());
        }
        if (endpoint.mode() == TopicListener.Mode.BALANCED) {
            balanced(config);
        }
        return ListenerConsumerConfig.build(endpoint, settings, index, config);
    }

    private void balanced(ConsumerConfig.Builder config) {
        config.rebalanceListener(new RebalanceListener() {
            /**
             * Waits (at most the revoke timeout) for the listener to finish the records in hand of these partitions,
             * then commits what was processed: with manual acknowledgment what was acknowledged; else the consumed
             * positions, or, for a partition whose records in hand are not all finished, up to the first of them.
             */
            @Override
            public @Nullable Map<TopicPartition, Long> offsetsToCommitOnRevoke(Set<TopicPartition> partitions) {
                long deadline = System.nanoTime() + settings.revokeTimeout().toNanos();
                Map<TopicPartition, Long> unprocessed = inHand.awaitHandled(partitions, settings.revokeTimeout());
                KeyOrderedDispatcher parallel = keyed;
                if (parallel != null) {
                    Map<TopicPartition, Long> watermarks = new TreeMap<>(parallel.revoke(partitions,
                            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                            "gregor.listener.revoke-timeout"));
                    unprocessed.forEach((partition, offset) -> watermarks.merge(partition, offset, Math::min));
                    return watermarks;
                }
                AcknowledgedOffsets manual = acknowledged;
                unprocessed.forEach((partition, offset) -> log.warn("Listener container {}: the record at offset {} of"
                        + " {} was still in the listener when its partition was revoked and"
                        + " gregor.listener.revoke-timeout ({}) ran out; {}", id, offset, partition,
                        settings.revokeTimeout(), manual == null ? "committed up to it, so its next owner processes it"
                                + " again" : "committed what was acknowledged, so its next owner processes again"
                                + " what was not"));
                if (manual != null) {
                    return manual.uncommitted(partitions);
                }
                MultiTopicConsumer current = consumer;
                if (unprocessed.isEmpty() || current == null) {
                    return null;
                }
                Map<TopicPartition, Long> offsets = new TreeMap<>();
                current.heldOffsets().forEach((partition, last) -> {
                    if (partitions.contains(partition)) {
                        offsets.put(partition, last + 1);
                    }
                });
                offsets.putAll(unprocessed);
                return offsets;
            }

            @Override
            public void topicPartitionsRevoked(Set<TopicPartition> partitions) {
                synchronized (announced) {
                    announced.removeAll(partitions);
                }
                events.publishEvent(new ListenerContainerEvent.PartitionsRevoked(ConsumerContainer.this, partitions));
            }

            @Override
            public void topicPartitionsAssigned(Set<TopicPartition> partitions) {
                announce(partitions);
                events.publishEvent(new ListenerContainerEvent.PartitionsAssigned(ConsumerContainer.this, partitions));
            }
        });
        if (endpoint.coordinator() == TopicListener.Coordinator.ZOOKEEPER) {
            if (settings.zookeeperConnect() == null) {
                throw new IllegalStateException("@TopicListener " + endpoint.id() + " is coordinated by ZooKeeper but"
                        + " gregor.consumer.zookeeper-connect is not set");
            }
            config.zookeeperConnect(settings.zookeeperConnect());
        } else {
            config.managed(true);
        }
    }

    /**
     * Commits what was processed so far without waiting; while a commit is in flight the next one waits for the
     * following interval, so commits never overtake each other and the listener thread never blocks on them.
     */
    private void commitInBackground(MultiTopicConsumer current) {
        if (!commitInFlight.isDone()) {
            return;
        }
        try {
            commitInFlight = commitAsync(current).exceptionally(error -> {
                log.warn("Listener container {} could not commit offsets, will retry: {}", id, error.getMessage());
                return null;
            });
        } catch (KafkaException e) {
            log.warn("Listener container {} could not commit offsets, will retry: {}", id, e.getMessage());
        }
    }

    /**
     * Commits the consumed positions (every record before them was processed or dead-lettered); with manual
     * acknowledgment only the offsets acknowledged.
     */
    private CompletableFuture<Void> commitAsync(MultiTopicConsumer current) {
        KeyOrderedDispatcher parallel = keyed;
        if (parallel != null) {
            return commitWatermarks(current, parallel, parallel.uncommitted());
        }
        AcknowledgedOffsets manual = acknowledged;
        if (manual == null) {
            return current.commitOffsetsAsync();
        }
        Map<TopicPartition, Long> offsets = manual.uncommitted(current.partitions());
        return offsets.isEmpty() ? CompletableFuture.completedFuture(null)
                : current.commitOffsetsAsync(offsets).thenRun(() -> manual.committed(offsets));
    }

    /** Commits the watermarks of the partitions {@code current} still holds (never backwards, no metadata). */
    private static CompletableFuture<Void> commitWatermarks(MultiTopicConsumer current, KeyOrderedDispatcher parallel,
                                                            Map<TopicPartition, Long> watermarks) {
        Map<TopicPartition, Long> held = new TreeMap<>(watermarks);
        held.keySet().retainAll(Set.copyOf(current.partitions()));
        return held.isEmpty() ? CompletableFuture.completedFuture(null)
                : current.commitOffsetsAsync(held).thenRun(() -> parallel.committed(held));
    }

    /**
     * Commits what was processed, waiting for the coordinator; a key-ordered container first lets go of its
     * partitions (see {@link KeyOrderedDispatcher#revokeAll}), for at most the stop's drain timeout (or the revoke
     * timeout when it reconnects or failed), and commits their watermarks.
     */
    private void commit(MultiTopicConsumer current) {
        try {
            KeyOrderedDispatcher parallel = keyed;
            if (parallel != null) {
                Map<TopicPartition, Long> watermarks = drain(parallel);
                commitInFlight.exceptionally(error -> null).join();
                commitWatermarks(current, parallel, watermarks).join();
            } else if (acknowledged == null) {
                current.commitOffsets();
            } else {
                commitInFlight.exceptionally(error -> null).join();
                commitAsync(current).join();
            }
        } catch (KafkaException | CompletionException e) {
            log.warn("Listener container {} could not commit offsets, will retry: {}", id, e.getMessage());
        }
    }

    /** Lets go of every partition of a key-ordered container: see {@link KeyOrderedDispatcher#revokeAll}. */
    private Map<TopicPartition, Long> drain(KeyOrderedDispatcher parallel) {
        return stopRequested ? parallel.revokeAll(drainTimeout, "half of gregor.listener.shutdown-timeout")
                : parallel.revokeAll(settings.revokeTimeout(), "gregor.listener.revoke-timeout");
    }

    private void reportAndReconnect(KafkaException e) {
        KafkaException previous = problem;
        problem = e;
        if (previous != null && previous.getClass() == e.getClass()) {
            log.debug("Listener container {} still cannot consume {} ({}); retrying in {} ms", id, endpoint.describeTopics(),
                    e.getMessage(), RECONNECT_BACKOFF.toMillis());
        } else {
            log.warn("Listener container {} cannot consume {} ({}); retrying every {} ms, logging repeats at DEBUG",
                    id, endpoint.describeTopics(), e.getMessage(), RECONNECT_BACKOFF.toMillis());
        }
        events.publishEvent(new ListenerContainerEvent.Failed(this, e));
        closeConsumer();
        long until = System.nanoTime() + RECONNECT_BACKOFF.toNanos();
        synchronized (pauseLock) {
            while (!stopRequested && System.nanoTime() < until) {
                waitOn(pauseLock, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            }
        }
    }

    private void waitWhilePaused() {
        synchronized (pauseLock) {
            if (paused && !stopRequested) {
                waitOn(pauseLock, settings.pollTimeout().toMillis());
            }
        }
    }

    /**
     * Keeps a message that arrived just as the container was paused until it is resumed, so that no message reaches
     * the listener after {@link #pause()} returns; false if the container is stopped meanwhile (the message was not
     * processed, so its offset is not committed).
     */
    private boolean holdWhilePaused() {
        while (paused && !stopRequested) {
            waitWhilePaused();
        }
        return !stopRequested;
    }

    private static void waitOn(Object lock, long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConsumer() {
        MultiTopicConsumer current = consumer;
        consumer = null;
        synchronized (announced) {
            announced.clear();
        }
        if (current == null) {
            return;
        }
        KeyOrderedDispatcher parallel = keyed;
        if (endpoint.group() != null) {
            commit(current);
        } else if (parallel != null) {
            drain(parallel);
        }
        try {
            current.close();
        } catch (RuntimeException e) {
            log.warn("Closing the consumer of listener container {} failed: {}", id, e.getMessage());
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String listenerId() {
        return endpoint.id();
    }

    @Override
    public Set<String> topics() {
        MultiTopicConsumer current = consumer;
        if (current != null) {
            return new TreeSet<>(current.topics());
        }
        return new TreeSet<>(endpoint.topics());
    }

    @Override
    public Optional<String> group() {
        return Optional.ofNullable(endpoint.group());
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Optional<Throwable> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public Set<TopicPartition> assignment() {
        MultiTopicConsumer current = consumer;
        if (current == null) {
            return Set.of();
        }
        return current instanceof BalancedMultiTopicConsumer balanced ? balanced.assignment()
                : new TreeSet<>(current.partitions());
    }

    @Override
    public Map<TopicPartition, Long> lag() {
        MultiTopicConsumer current = consumer;
        try {
            return current == null ? Map.of() : current.lag();
        } catch (KafkaException e) {
            return Map.of();
        }
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public String toString() {
        return "ListenerContainer[" + id + (isRunning() ? "" : ", stopped") + "]";
    }
}

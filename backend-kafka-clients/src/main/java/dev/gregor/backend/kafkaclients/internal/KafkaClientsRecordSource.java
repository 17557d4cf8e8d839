package dev.gregor.backend.kafkaclients.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.gregor.KafkaException;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.consumer.PrefetchingRecordSource;
import dev.gregor.internal.engine.ClientContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code RecordSource} on a manually assigned {@code KafkaConsumer} (one for all the partitions of every topic
 * it is given), which only its own poll thread touches. Callers
 * change the wanted state (partitions, seeks) under a lock and bump the partition's generation; the poll thread
 * applies that state before each poll and queues what it fetched, stamped with the generation it applied, so records
 * fetched before a seek are recognised as stale. A partition with {@code queuedMaxMessages} records waiting is paused.
 * While such a full partition still has records to read, the caught-up partitions are paused with it: KafkaConsumer
 * keeps one Fetch per broker in flight, and one holding only caught-up partitions would wait {@code fetchMaxWait} at
 * the broker and hold back the full partition's next fetch once the application drains it.
 */
public final class KafkaClientsRecordSource extends PrefetchingRecordSource<KafkaClientsRecordSource.PartitionState> {

    private static final Logger log = LoggerFactory.getLogger(KafkaClientsRecordSource.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicLong SOURCES = new AtomicLong();

    private final ClientContext context;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean closed;
    private boolean changed;

    /** A source of partitions of any topics, through the client of {@code context}. */
    public KafkaClientsRecordSource(ClientContext context, ConsumerConfig config) {
        super(config);
        String name = "consumer-" + SOURCES.incrementAndGet();
        this.context = context;
        this.consumer = new KafkaConsumer<>(KafkaClientsSettings.consumer(context.settings(), name, config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.poller = new Thread(this::pollLoop, "gregor-kafka-clients-" + name);
        poller.setDaemon(true);
    }

    @Override
    public void start() {
        poller.start();
    }

    @Override
    protected PartitionState newState(TopicPartition partition, long generation, long offset) {
        return new PartitionState(generation, offset);
    }

    @Override
    protected void moveTo(PartitionState state, long offset) {
        state.pendingSeek = offset;
    }

    @Override
    protected void wanted() {
        wakePoller();
    }

    @Override
    protected void madeRoom() {
        wakePoller();
    }

    @Override
    public void close() {
        closed = true;
        wakePoller();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseQueued();
    }

    /**
     * Makes the poll thread apply the wanted state now, wherever it waits: between polls with nothing to fetch, or
     * inside {@code poll()} (which then throws {@link WakeupException}).
     */
    private void wakePoller() {
        synchronized (lock) {
            changed = true;
            lock.notifyAll();
        }
        consumer.wakeup();
    }

    private void pollLoop() {
        try {
            while (!closed) {
                Map<TopicPartition, Long> generationsApplied = new HashMap<>();
                if (!applyWantedState(generationsApplied)) {
                    pause();
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException woken) {
                    continue;
                } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
                    failure = outOfRange(e);
                    pause();
                    continue;
                } catch (org.apache.kafka.common.KafkaException e) {
                    log.warn("Fetching {} with kafka-clients failed, retrying: {}", assigned, e.getMessage());
                    pause();
                    continue;
                }
                context.countFetched(records.count());
                enqueue(records, generationsApplied);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits one poll interval (nothing to fetch, or a failure to not repeat at once); a change wakes it early. */
    private void pause() throws InterruptedException {
        synchronized (lock) {
            if (!changed) {
                lock.wait(POLL.toMillis());
            }
        }
    }

    /**
     * Brings the consumer's assignment, positions and pauses up to date, putting each partition's generation in
     * {@code generationsApplied}; returns whether any partition is left to fetch.
     */
    private boolean applyWantedState(Map<TopicPartition, Long> generationsApplied) {
        Map<TopicPartition, Long> seeks = new HashMap<>();
        Set<TopicPartition> full = new HashSet<>();
        synchronized (lock) {
            changed = false;
            partitions.forEach((partition, state) -> {
                generationsApplied.put(partition, state.generation());
                if (state.pendingSeek >= 0) {
                    seeks.put(partition, state.pendingSeek);
                    state.pendingSeek = -1;
                }
                if (isFull(state)) {
                    full.add(partition);
                }
            });
        }
        if (!assigned.equals(generationsApplied.keySet())) {
            consumer.assign(generationsApplied.keySet().stream().map(KafkaClientsRecordSource::partitionOf).toList());
            assigned.clear();
            assigned.addAll(generationsApplied.keySet());
        }
        seeks.forEach((partition, offset) -> consumer.seek(partitionOf(partition), offset));
        Set<TopicPartition> paused = new HashSet<>(full);
        if (full.stream().anyMatch(partition -> !seeks.containsKey(partition) && !caughtUp(partition))) {
            assigned.stream().filter(partition -> !seeks.containsKey(partition) && caughtUp(partition)).forEach(paused::add);
        }
        consumer.pause(paused.stream().map(KafkaClientsRecordSource::partitionOf).toList());
        consumer.resume(assigned.stream().filter(partition -> !paused.contains(partition)).map(KafkaClientsRecordSource::partitionOf).toList());
        return paused.size() < assigned.size();
    }

    /** Whether the consumer has read everything the broker had for the partition at the last fetch. */
    private boolean caughtUp(TopicPartition partition) {
        OptionalLong lag = consumer.currentLag(partitionOf(partition));
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    private void enqueue(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> generationsApplied) {
        for (org.apache.kafka.common.TopicPartition fetchedFrom : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(fetchedFrom);
            OptionalLong lag = consumer.currentLag(fetchedFrom);
            long position = consumer.position(fetchedFrom);
            long highWatermark = lag.isPresent() ? position + lag.getAsLong() : -1;
            TopicPartition partition = new TopicPartition(fetchedFrom.topic(), fetchedFrom.partition());
            synchronized (lock) {
                PartitionState state = partitions.get(partition);
                Long applied = generationsApplied.get(partition);
                if (state == null || applied == null || state.generation() != applied) {
                    continue;
                }
                if (highWatermark >= 0) {
                    state.highWatermark(highWatermark);
                }
                enqueue(state, new ConsumerRecordChunk(partition, state.generation(), fetched, position));
            }
        }
    }

    private KafkaException outOfRange(org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
        Map.Entry<org.apache.kafka.common.TopicPartition, Long> first = e.offsetOutOfRangePartitions().entrySet()
                .iterator().next();
        return new OffsetOutOfRangeException(first.getKey().topic(), first.getKey().partition(), first.getValue(),
                "the broker has no such offset: " + e.offsetOutOfRangePartitions().keySet().stream()
                        .map(org.apache.kafka.common.TopicPartition::toString).collect(Collectors.joining(", ")));
    }

    private static org.apache.kafka.common.TopicPartition partitionOf(TopicPartition partition) {
        return new org.apache.kafka.common.TopicPartition(partition.topic(), partition.partition());
    }

    /** A partition's position still to be applied to the consumer (-1: none); guarded by the lock. */
    static final class PartitionState extends PrefetchingRecordSource.Prefetch {

        private long pendingSeek;

        PartitionState(long generation, long start) {
            super(generation);
            this.pendingSeek = start;
        }
    }
}

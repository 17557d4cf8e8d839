package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.client.Futures;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.client.Retries;
import dev.gregor.internal.metadata.TopicMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gregor's own simple consumer: a {@link FetchPipeline} fetching ahead, decoded in the consuming thread. */
public final class NativeSimpleConsumer implements SimpleConsumer {

    private static final Logger log = LoggerFactory.getLogger(NativeSimpleConsumer.class);
    private static final Duration FOREVER = Duration.ofDays(365 * 100);

    private final ClientContext context;
    private final String topic;
    private final ConsumerConfig config;
    private final TopicMetadata described;
    private final List<Integer> partitions;
    private final OffsetLookup offsetLookup;
    private final GroupOffsets groupOffsets;
    private final Map<Integer, Long> nextToConsume = new ConcurrentHashMap<>();
    private final Map<Integer, Long> lastCommitted = new ConcurrentHashMap<>();
    private final FetchPipeline pipeline;
    private final ScheduledFuture<?> autoCommit;
    private FetchedChunk current;
    private volatile boolean closed;

    /** A consumer of {@code topic}, positioned and fetching when this returns. */
    public NativeSimpleConsumer(ClientContext context, String topic, ConsumerConfig config) {
        this.context = context;
        this.topic = topic;
        this.config = config;
        this.described = Futures.await(context.metadata().topic(topic), context.apiTimeout(), "Looking up topic '" + topic + "'");
        this.partitions = choosePartitions();
        this.offsetLookup = new OffsetLookup(context.metadata(), context.connections());
        this.groupOffsets = config.consumerGroup()
                .map(group -> new GroupOffsets(group, context.metadata(), context.connections(), context.apiTimeout()))
                .orElse(null);
        Map<Integer, Long> start = startOffsets();
        nextToConsume.putAll(start);
        this.pipeline = new FetchPipeline(context, topic, config, start, this::listOffsets);
        context.adopt().accept(this);
        pipeline.start();
        this.autoCommit = config.autoCommit()
                ? context.scheduler().scheduleAtFixedRate(this::commitInBackground, config.autoCommitInterval().toMillis(),
                config.autoCommitInterval().toMillis(), TimeUnit.MILLISECONDS)
                : null;
        log.info("Consuming topic '{}' partitions {} from offsets {}{}", topic, partitions, start,
                groupOffsets != null ? " for group '" + groupOffsets.group() + "'" : "");
    }

    private List<Integer> choosePartitions() {
        int count = described.partitions().size();
        if (config.partitions().isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int id = 0; id < count; id++) {
                all.add(id);
            }
            return List.copyOf(all);
        }
        config.partitions().forEach(described::partition);
        return config.partitions().stream().sorted().toList();
    }

    private Map<Integer, Long> startOffsets() {
        Map<Integer, Long> start = new TreeMap<>();
        if (groupOffsets != null) {
            Map<Integer, Long> committed = Futures.await(groupOffsets.fetch(topic, described.topicId(), partitions),
                    context.apiTimeout(), "Reading the offsets of group '" + groupOffsets.group() + "'");
            committed.forEach((partition, offset) -> {
                if (offset >= 0) {
                    start.put(partition, offset);
                    lastCommitted.put(partition, offset);
                }
            });
        }
        List<Integer> missing = partitions.stream().filter(partition -> !start.containsKey(partition)).toList();
        if (!missing.isEmpty()) {
            if (config.autoOffsetReset() == OffsetReset.NONE) {
                throw new OffsetOutOfRangeException(topic, missing.get(0), -1, "no committed offset for partitions "
                        + missing + (groupOffsets != null ? " in group '" + groupOffsets.group() + "'" : " and no group"));
            }
            Map<Integer, Long> reset = Futures.await(listOffsets(config.autoOffsetReset() == OffsetReset.EARLIEST
                    ? OffsetLookup.EARLIEST : OffsetLookup.LATEST), context.apiTimeout(), "Looking up offsets of topic '" + topic + "'");
            missing.forEach(partition -> start.put(partition, reset.get(partition)));
        }
        return start;
    }

    private CompletableFuture<Map<Integer, Long>> listOffsets(long timestamp) {
        return Retries.untilDeadline(() -> offsetLookup.offsets(topic, timestamp), context.apiTimeout());
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public List<Integer> partitions() {
        return partitions;
    }

    @Override
    public Message consume() {
        return consume(config.consumerTimeout().orElse(FOREVER));
    }

    @Override
    public Message consume(Duration timeout) {
        requireOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            KafkaException failure = pipeline.failure();
            if (failure != null) {
                throw failure;
            }
            if (current != null) {
                Message message = pipeline.isCurrent(current) ? current.next() : null;
                if (message != null) {
                    nextToConsume.put(message.partitionId(), message.offset() + 1);
                    return message;
                }
                pipeline.consumed(current);
                current = null;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            try {
                current = pipeline.poll(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(200)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private Message next;

            @Override
            public boolean hasNext() {
                if (next == null && !closed) {
                    next = consume();
                }
                return next != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No message within the consumer timeout");
                }
                Message message = next;
                next = null;
                return message;
            }
        };
    }

    @Override
    public Map<Integer, Long> heldOffsets() {
        Map<Integer, Long> held = new TreeMap<>();
        nextToConsume.forEach((partition, next) -> held.put(partition, next - 1));
        return held;
    }

    @Override
    public Map<Integer, Long> fetchOffsets() {
        GroupOffsets offsets = requireGroup("fetchOffsets");
        return new TreeMap<>(Futures.await(offsets.fetch(topic, described.topicId(), partitions), context.apiTimeout(),
                "Reading the offsets of group '" + offsets.group() + "'"));
    }

    @Override
    public void commitOffsets() {
        requireOpen();
        GroupOffsets offsets = requireGroup("commitOffsets");
        Futures.await(commit(offsets), context.apiTimeout(), "Committing offsets of group '" + offsets.group() + "'");
    }

    private CompletableFuture<Void> commit(GroupOffsets offsets) {
        Map<Integer, Long> changed = new TreeMap<>();
        nextToConsume.forEach((partition, next) -> {
            if (!next.equals(lastCommitted.get(partition))) {
                changed.put(partition, next);
            }
        });
        return offsets.commit(topic, described.topicId(), changed, GroupOffsets.Membership.STANDALONE)
                .thenRun(() -> lastCommitted.putAll(changed));
    }

    private void commitInBackground() {
        commit(groupOffsets).exceptionally(failure -> {
            log.warn("Auto-commit for group '{}' failed, will retry: {}", groupOffsets.group(), failure.getMessage());
            return null;
        });
    }

    @Override
    public void resetOffsets(Map<Integer, Long> offsets) {
        requireOpen();
        offsets.forEach((partition, offset) -> {
            if (!partitions.contains(partition)) {
                throw new InvalidConfigException("resetOffsets partition", partition, "one of this consumer's partitions " + partitions);
            }
            if (offset == null || offset < 0) {
                throw new InvalidConfigException("resetOffsets offset for partition " + partition, offset, "an offset of 0 or more");
            }
        });
        offsets.forEach((partition, offset) -> {
            pipeline.seek(partition, offset);
            nextToConsume.put(partition, offset);
        });
        log.info("Offsets of topic '{}' reset to {}", topic, offsets);
    }

    @Override
    public void resetOffsets(OffsetReset where) {
        if (where == OffsetReset.NONE) {
            throw new InvalidConfigException("resetOffsets", where, "EARLIEST or LATEST");
        }
        resetTo(where == OffsetReset.EARLIEST ? OffsetLookup.EARLIEST : OffsetLookup.LATEST, null);
    }

    @Override
    public void resetOffsetsToTimestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new InvalidConfigException("resetOffsetsToTimestamp", epochMillis, "a timestamp of 0 or more");
        }
        resetTo(epochMillis, Futures.await(listOffsets(OffsetLookup.LATEST), context.apiTimeout(), "Looking up offsets"));
    }

    private void resetTo(long timestamp, Map<Integer, Long> ends) {
        requireOpen();
        Map<Integer, Long> found = Futures.await(listOffsets(timestamp), context.apiTimeout(), "Looking up offsets of topic '" + topic + "'");
        Map<Integer, Long> targets = new TreeMap<>();
        for (int partition : partitions) {
            long offset = found.get(partition);
            targets.put(partition, offset >= 0 ? offset : ends.get(partition));
        }
        resetOffsets(targets);
    }

    @Override
    public Map<Integer, Long> lag() {
        Map<Integer, Long> ends = null;
        Map<Integer, Long> lag = new TreeMap<>();
        for (int partition : partitions) {
            long highWatermark = pipeline.highWatermark(partition);
            if (highWatermark < 0) {
                if (ends == null) {
                    ends = Futures.await(listOffsets(OffsetLookup.LATEST), context.apiTimeout(), "Looking up offsets");
                }
                highWatermark = ends.get(partition);
            }
            lag.put(partition, Math.max(0, highWatermark - nextToConsume.get(partition)));
        }
        return lag;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (autoCommit != null) {
            autoCommit.cancel(false);
            try {
                Futures.await(commit(groupOffsets), context.apiTimeout(), "Committing offsets on close");
            } catch (KafkaException e) {
                log.warn("The final commit for group '{}' failed: {}", groupOffsets.group(), e.getMessage());
            }
        }
        pipeline.close();
        if (current != null) {
            current.release();
            current = null;
        }
        context.release().accept(this);
        log.info("Consumer of topic '{}' closed", topic);
    }

    private GroupOffsets requireGroup(String operation) {
        if (groupOffsets == null) {
            throw new InvalidConfigException("consumerGroup", null, "a consumer group, to use " + operation);
        }
        return groupOffsets;
    }

    private void requireOpen() {
        if (closed) {
            throw new ClientClosedException("consumer of topic '" + topic + "'");
        }
    }

    @Override
    public String toString() {
        return "SimpleConsumer[" + topic + partitions + "]";
    }
}

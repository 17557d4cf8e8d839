package dev.gregor.internal.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.AuthorizationException;
import dev.gregor.Broker;
import dev.gregor.KafkaException;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.Partition;
import dev.gregor.ProtocolException;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.PartitionOffsets;
import dev.gregor.internal.metadata.ClusterSnapshot;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.FetchRequest;
import dev.gregor.internal.protocol.message.FetchResponse;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a consumer's partitions fetched ahead, whatever topics they belong to: at most one Fetch in flight per
 * broker (covering every partition it leads that has room, of every topic: one FetchTopic each), each partition's
 * fetched chunks queued in order until {@code queuedMaxMessages} records wait, leadership changes and broker
 * failures retried after a short backoff from the exact next offset.
 * Out-of-range offsets are reset by policy. State is guarded by one lock; the bytes are decoded by the consumer.
 *
 * <p>Fetches travel on connections of the pipeline's own, since the broker holds a Fetch of caught-up partitions
 * for up to {@code fetchMaxWait} and answers a connection's requests in order: on the client's shared connection
 * that would delay every produce, commit and metadata request behind it. For the same reason a Fetch that could
 * only wait (every partition with room is caught up) is not sent while a partition of that broker that still has
 * records to read is full: it would hold back that partition's next fetch once the consumer drains it.
 */
public final class FetchPipeline extends PrefetchingRecordSource<FetchPipeline.PartitionState> {

    private static final Logger log = LoggerFactory.getLogger(FetchPipeline.class);
    private static final long RETRY_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MISSING_TOPIC_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final AtomicLong CHANNELS = new AtomicLong();

    private final ClientContext context;
    private final PartitionOffsets listOffsets;
    private final Set<Broker> fetchingFrom = new HashSet<>();
    private final Set<BrokerAddress> channelsUsed = new HashSet<>();
    private final String channel = "fetch-" + CHANNELS.incrementAndGet();
    private boolean closed;

    /** A pipeline fetching the partitions it is {@linkplain #assign assigned}, of any topics. */
    public FetchPipeline(ClientContext context, ConsumerConfig config, PartitionOffsets listOffsets) {
        super(config);
        this.context = context;
        this.listOffsets = listOffsets;
    }

    @Override
    public void start() {
        fetchMore();
    }

    @Override
    protected PartitionState newState(TopicPartition partition, long generation, long offset) {
        return new PartitionState(partition, offset, generation);
    }

    @Override
    protected void moveTo(PartitionState state, long offset) {
        state.position = offset;
        state.resetting = false;
    }

    @Override
    protected void wanted() {
        fetchMore();
    }

    @Override
    protected void madeRoom() {
        fetchMore();
    }

    /** Stops fetching and frees every queued chunk. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            channelsUsed.forEach(address -> context.connections().release(address, channel));
            channelsUsed.clear();
        }
        releaseQueued();
    }

    private void fetchMore() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            ClusterSnapshot snapshot = context.metadata().current();
            long now = System.nanoTime();
            Map<Broker, List<PartitionState>> byLeader = new HashMap<>();
            Set<Broker> holdingUnreadRecords = new HashSet<>();
            for (PartitionState state : partitions.values()) {
                if (state.fetching || state.resetting || now - state.retryAtNanos < 0) {
                    continue;
                }
                Broker leader = leaderOf(state, snapshot, now);
                if (leader == null || fetchingFrom.contains(leader)) {
                    continue;
                }
                if (!isFull(state)) {
                    byLeader.computeIfAbsent(leader, broker -> new ArrayList<>()).add(state);
                } else if (!state.caughtUp()) {
                    holdingUnreadRecords.add(leader);
                }
            }
            byLeader.forEach((leader, states) -> {
                boolean couldOnlyWait = states.stream().allMatch(PartitionState::caughtUp);
                if (!(couldOnlyWait && holdingUnreadRecords.contains(leader))) {
                    fetch(leader, states, snapshot);
                }
            });
        }
    }

    /**
     * The leader of a partition to fetch, or null (then the partition waits and metadata is refreshed). A topic
     * metadata reports as unknown waits longer: it was deleted, and its consumer drops it once it hears so.
     */
    private Broker leaderOf(PartitionState state, ClusterSnapshot snapshot, long now) {
        TopicMetadata described = snapshot.topics().get(state.id.topic());
        Partition partition = described == null || state.id.partition() >= described.partitions().size()
                ? null : described.partitions().get(state.id.partition());
        if (partition == null || partition.leader().isEmpty()) {
            context.metadata().invalidate(state.id.topic());
            boolean unknown = described == null && snapshot.topicErrors().containsKey(state.id.topic());
            state.retryAtNanos = now + (unknown ? MISSING_TOPIC_BACKOFF_NANOS : RETRY_BACKOFF_NANOS);
            retryLater(state.retryAtNanos - now);
            return null;
        }
        return partition.leader().get();
    }

    private void fetch(Broker leader, List<PartitionState> states, ClusterSnapshot snapshot) {
        fetchingFrom.add(leader);
        Map<TopicPartition, Requested> requested = new HashMap<>();
        Map<String, List<Requested>> byTopic = new TreeMap<>();
        long token = nextSerial();
        for (PartitionState state : states) {
            state.fetching = true;
            state.fetchToken = token;
            Requested asked = new Requested(state.id, state.position, state.generation(), token);
            requested.put(state.id, asked);
            byTopic.computeIfAbsent(state.id.topic(), topic -> new ArrayList<>()).add(asked);
        }
        Map<String, UUID> topicIds = new HashMap<>();
        byTopic.keySet().forEach(topic -> topicIds.put(topic, snapshot.topics().get(topic).topicId()));
        BrokerAddress address = new BrokerAddress(leader.host(), leader.port());
        channelsUsed.add(address);
        context.connections().get(address, channel)
                .thenCompose(connection -> connection.<FetchResponse>send(ApiKey.FETCH,
                        request(byTopic, topicIds, connection.version(ApiKey.FETCH))))
                .whenComplete((response, error) -> {
                    handle(leader, requested, topicIds, response, error);
                    fetchMore();
                });
    }

    /** One Fetch for every topic asked of the broker: a FetchTopic each, named by id from version 13. */
    private FetchRequest request(Map<String, List<Requested>> byTopic, Map<String, UUID> topicIds, short version) {
        List<FetchRequest.FetchTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, requested) -> {
            FetchRequest.FetchTopic fetchTopic = new FetchRequest.FetchTopic().setPartitions(requested.stream()
                    .map(partition -> new FetchRequest.FetchPartition()
                            .setPartition(partition.partition().partition())
                            .setFetchOffset(partition.offset())
                            .setPartitionMaxBytes(config.maxPartitionFetchBytes()))
                    .toList());
            if (version >= 13) {
                fetchTopic.setTopicId(topicIds.get(topic));
            } else {
                fetchTopic.setTopic(topic);
            }
            topics.add(fetchTopic);
        });
        return new FetchRequest()
                .setMaxWaitMs((int) config.fetchMaxWait().toMillis())
                .setMinBytes(config.fetchMinBytes())
                .setMaxBytes(config.fetchMaxBytes())
                .setIsolationLevel(config.isolationLevel().wireValue())
                .setSessionEpoch(-1)
                .setTopics(topics);
    }

    private void handle(Broker leader, Map<TopicPartition, Requested> requested, Map<String, UUID> topicIds,
                        FetchResponse response, Throwable error) {
        synchronized (lock) {
            fetchingFrom.remove(leader);
            requested.forEach((partition, asked) -> {
                PartitionState state = partitions.get(partition);
                if (state != null && state.fetchToken == asked.token()) {
                    state.fetching = false;
                }
            });
            if (error != null) {
                KafkaException cause = Futures.unwrap(error);
                log.debug("Fetching {} from broker {} failed, retrying: {}", topicIds.keySet(), leader.address(),
                        cause.getMessage());
                topicIds.keySet().forEach(context.metadata()::invalidate);
                requested.keySet().forEach(partition -> {
                    PartitionState state = partitions.get(partition);
                    if (state != null) {
                        backOff(state);
                    }
                });
                return;
            }
            try {
                Map<UUID, String> namesById = new HashMap<>();
                topicIds.forEach((topic, id) -> namesById.put(id, topic));
                for (FetchResponse.FetchableTopicResponse topicResponse : response.responses()) {
                    String topic = topicResponse.topic().isEmpty() ? namesById.get(topicResponse.topicId())
                            : topicResponse.topic();
                    for (FetchResponse.PartitionData data : topicResponse.partitions()) {
                        TopicPartition partition = topic == null ? null : new TopicPartition(topic, data.partitionIndex());
                        Requested asked = partition == null ? null : requested.get(partition);
                        PartitionState state = asked == null ? null : partitions.get(partition);
                        if (state != null && !closed && state.generation() == asked.generation()) {
                            accept(state, asked, data);
                        }
                    }
                }
            } finally {
                response.release();
            }
        }
    }

    private void accept(PartitionState state, Requested asked, FetchResponse.PartitionData data) {
        ErrorCode error = ErrorCode.forCode(data.errorCode());
        switch (error) {
            case NONE -> {
                state.highWatermark(data.highWatermark());
                ByteBuf records = data.records();
                if (records == null || !records.isReadable()) {
                    return;
                }
                FetchedChunk chunk;
                try {
                    chunk = new FetchedChunk(state.id, state.generation(), asked.offset(), records.retain(),
                            config.checkCrcs(), abortedTransactions(data));
                } catch (ProtocolException unreadable) {
                    records.release();
                    failure = unreadable;
                    return;
                }
                if (chunk.endOffset() <= state.position) {
                    chunk.release();
                    return;
                }
                state.position = chunk.endOffset();
                context.counters().fetched(chunk.recordCount(), chunk.byteCount());
                enqueue(state, chunk);
            }
            case OFFSET_OUT_OF_RANGE -> resetOutOfRange(state, asked.offset(), data);
            case TOPIC_AUTHORIZATION_FAILED -> failure = new AuthorizationException("read", "topic '" + state.id.topic() + "'");
            default -> {
                if (error.invalidatesMetadata()) {
                    context.metadata().invalidate(state.id.topic());
                }
                log.debug("Fetching {} answered {}; retrying", state.id, error);
                backOff(state);
            }
        }
    }

    private List<FetchedChunk.AbortedTransaction> abortedTransactions(FetchResponse.PartitionData data) {
        if (config.isolationLevel() != IsolationLevel.READ_COMMITTED) {
            return null;
        }
        if (data.abortedTransactions() == null) {
            return List.of();
        }
        return data.abortedTransactions().stream()
                .map(aborted -> new FetchedChunk.AbortedTransaction(aborted.producerId(), aborted.firstOffset()))
                .toList();
    }

    private void resetOutOfRange(PartitionState state, long offset, FetchResponse.PartitionData data) {
        OffsetReset policy = config.autoOffsetReset();
        if (policy == OffsetReset.NONE) {
            failure = new OffsetOutOfRangeException(state.id.topic(), state.id.partition(), offset, "the log now starts at "
                    + data.logStartOffset() + " and ends at " + data.highWatermark());
            return;
        }
        state.resetting = true;
        long generation = state.generation();
        listOffsets.at(List.of(state.id), policy == OffsetReset.EARLIEST ? -2L : -1L).whenComplete((offsets, error) -> {
            synchronized (lock) {
                if (state.generation() != generation) {
                    return;
                }
                state.resetting = false;
                if (error != null) {
                    backOff(state);
                    return;
                }
                long target = offsets.get(state.id);
                log.warn("Offset {} of topic '{}' partition {} is out of range; continuing at the {} offset {}"
                        + " (autoOffsetReset={})", offset, state.id.topic(), state.id.partition(),
                        policy.name().toLowerCase(), target, policy);
                state.position = target;
            }
            fetchMore();
        });
    }

    private void backOff(PartitionState state) {
        state.retryAtNanos = System.nanoTime() + RETRY_BACKOFF_NANOS;
        retryLater(RETRY_BACKOFF_NANOS);
    }

    private void retryLater(long nanos) {
        context.scheduler().schedule(this::fetchMore, nanos, TimeUnit.NANOSECONDS);
    }

    /** What one fetch (identified by its token) asked of one partition in one of its generations. */
    private record Requested(TopicPartition partition, long offset, long generation, long token) {
    }

    /** A partition's fetch position and the state of its fetches; guarded by the pipeline's lock. */
    static final class PartitionState extends PrefetchingRecordSource.Prefetch {

        private final TopicPartition id;
        private long position;
        private boolean fetching;
        private long fetchToken;
        private boolean resetting;
        private long retryAtNanos;

        PartitionState(TopicPartition id, long position, long generation) {
            super(generation);
            this.id = id;
            this.position = position;
        }

        /** Whether the last fetch found nothing past the position: a fetch of it would wait for new records. */
        boolean caughtUp() {
            return highWatermark() >= 0 && position >= highWatermark();
        }
    }
}

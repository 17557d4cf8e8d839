package dev.gregor.internal.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.gregor.AuthorizationException;
import dev.gregor.Broker;
import dev.gregor.KafkaException;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.Partition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.client.Futures;
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
 * Keeps a consumer's partitions fetched ahead: at most one Fetch in flight per broker (covering every partition it
 * leads that has room), each partition's fetched chunks queued in order until {@code queuedMaxMessages} records
 * wait, leadership changes and broker failures retried after a short backoff from the exact next offset.
 * Out-of-range offsets are reset by policy. State is guarded by one lock; the bytes are decoded by the consumer.
 *
 * <p>Fetches travel on connections of the pipeline's own, since the broker holds a Fetch of caught-up partitions
 * for up to {@code fetchMaxWait} and answers a connection's requests in order: on the client's shared connection
 * that would delay every produce, commit and metadata request behind it. For the same reason a Fetch that could
 * only wait (every partition with room is caught up) is not sent while a partition of that broker that still has
 * records to read is full: it would hold back that partition's next fetch once the consumer drains it.
 */
final class FetchPipeline implements RecordSource {

    private static final Logger log = LoggerFactory.getLogger(FetchPipeline.class);
    private static final long RETRY_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final AtomicLong CHANNELS = new AtomicLong();

    private final ClientContext context;
    private final String topic;
    private final ConsumerConfig config;
    private final Function<Long, CompletableFuture<Map<Integer, Long>>> listOffsets;
    private final Object lock = new Object();
    private final Map<Integer, PartitionState> partitions = new TreeMap<>();
    private final Set<Broker> fetchingFrom = new HashSet<>();
    private final Set<BrokerAddress> channelsUsed = new HashSet<>();
    private final String channel = "fetch-" + CHANNELS.incrementAndGet();
    private final BlockingQueue<FetchedChunk> ready = new LinkedBlockingQueue<>();
    private volatile KafkaException failure;
    private long generations;
    private boolean closed;

    /** A pipeline for {@code start}'s partitions, each fetched from the offset it maps to. */
    FetchPipeline(ClientContext context, String topic, ConsumerConfig config, Map<Integer, Long> start,
                  Function<Long, CompletableFuture<Map<Integer, Long>>> listOffsets) {
        this.context = context;
        this.topic = topic;
        this.config = config;
        this.listOffsets = listOffsets;
        start.forEach((partition, offset) -> partitions.put(partition, new PartitionState(partition, offset, ++generations)));
    }

    @Override
    public void start() {
        fetchMore();
    }

    /**
     * Adds partitions (a balanced consumer was given them), each fetched from the offset it maps to. A partition
     * already held is moved to the new offset.
     */
    @Override
    public void assign(Map<Integer, Long> start) {
        synchronized (lock) {
            start.forEach((partition, offset) -> partitions.put(partition, new PartitionState(partition, offset, ++generations)));
        }
        fetchMore();
    }

    /** Stops fetching partitions (their new owner takes over); their fetched records are dropped unread. */
    @Override
    public void revoke(Set<Integer> revoked) {
        synchronized (lock) {
            revoked.forEach(partitions::remove);
        }
    }

    /** The partitions being fetched, in id order. */
    @Override
    public List<Integer> partitions() {
        synchronized (lock) {
            return List.copyOf(partitions.keySet());
        }
    }

    /** The next fetched chunk, waiting up to {@code nanos}; null if none came. */
    @Override
    public FetchedChunk poll(long nanos) throws InterruptedException {
        return ready.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** A failure the consumer must see (an offset out of range with no reset policy, a refused authorization). */
    @Override
    public KafkaException failure() {
        return failure;
    }

    /** Whether a chunk still belongs to its partition's current position (no reset happened since it was fetched). */
    @Override
    public boolean isCurrent(RecordChunk chunk) {
        synchronized (lock) {
            PartitionState state = partitions.get(chunk.partition());
            return state != null && state.generation == chunk.generation();
        }
    }

    /** The consumer is done with a chunk: frees it and makes room for the next fetch of its partition. */
    @Override
    public void consumed(RecordChunk chunk) {
        synchronized (lock) {
            PartitionState state = partitions.get(chunk.partition());
            if (state != null && state.generation == chunk.generation()) {
                state.buffered -= chunk.recordCount();
            }
        }
        chunk.release();
        fetchMore();
    }

    /** Moves a partition to {@code offset}: chunks fetched before are dropped, fetching restarts there. */
    @Override
    public void seek(int partition, long offset) {
        synchronized (lock) {
            PartitionState state = partitions.get(partition);
            if (state == null) {
                throw new IllegalStateException("Partition " + partition + " of topic '" + topic + "' is not held by this consumer");
            }
            state.generation = ++generations;
            state.position = offset;
            state.buffered = 0;
            state.resetting = false;
            failure = null;
        }
        fetchMore();
    }

    /** The partition's high watermark from the latest fetch, or -1 before the first (or if not held). */
    @Override
    public long highWatermark(int partition) {
        synchronized (lock) {
            PartitionState state = partitions.get(partition);
            return state == null ? -1 : state.highWatermark;
        }
    }

    /** Stops fetching and frees every queued chunk. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            channelsUsed.forEach(address -> context.connections().release(address, channel));
            channelsUsed.clear();
        }
        FetchedChunk chunk;
        while ((chunk = ready.poll()) != null) {
            chunk.release();
        }
    }

    private void fetchMore() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            TopicMetadata described = context.metadata().current().topics().get(topic);
            if (described == null) {
                context.metadata().topic(topic).whenComplete((found, error) -> retryLater());
                return;
            }
            long now = System.nanoTime();
            Map<Broker, List<PartitionState>> byLeader = new HashMap<>();
            Set<Broker> holdingUnreadRecords = new HashSet<>();
            for (PartitionState state : partitions.values()) {
                if (state.fetching || state.resetting || now - state.retryAtNanos < 0) {
                    continue;
                }
                Partition partition = state.id < described.partitions().size() ? described.partitions().get(state.id) : null;
                if (partition == null || partition.leader().isEmpty()) {
                    context.metadata().invalidate(topic);
                    state.retryAtNanos = now + RETRY_BACKOFF_NANOS;
                    retryLater();
                    continue;
                }
                Broker leader = partition.leader().get();
                if (fetchingFrom.contains(leader)) {
                    continue;
                }
                if (state.buffered < config.queuedMaxMessages()) {
                    byLeader.computeIfAbsent(leader, broker -> new ArrayList<>()).add(state);
                } else if (!state.caughtUp()) {
                    holdingUnreadRecords.add(leader);
                }
            }
            byLeader.forEach((leader, states) -> {
                boolean couldOnlyWait = states.stream().allMatch(PartitionState::caughtUp);
                if (!(couldOnlyWait && holdingUnreadRecords.contains(leader))) {
                    fetch(leader, states, described);
                }
            });
        }
    }

    private void fetch(Broker leader, List<PartitionState> states, TopicMetadata described) {
        fetchingFrom.add(leader);
        List<Requested> requested = new ArrayList<>();
        long token = ++generations;
        for (PartitionState state : states) {
            state.fetching = true;
            state.fetchToken = token;
            requested.add(new Requested(state.id, state.position, state.generation, token));
        }
        BrokerAddress address = new BrokerAddress(leader.host(), leader.port());
        channelsUsed.add(address);
        context.connections().get(address, channel)
                .thenCompose(connection -> connection.<FetchResponse>send(ApiKey.FETCH,
                        request(requested, described, connection.version(ApiKey.FETCH))))
                .whenComplete((response, error) -> {
                    handle(leader, requested, response, error);
                    fetchMore();
                });
    }

    private FetchRequest request(List<Requested> requested, TopicMetadata described, short version) {
        FetchRequest.FetchTopic fetchTopic = new FetchRequest.FetchTopic().setPartitions(requested.stream()
                .map(partition -> new FetchRequest.FetchPartition()
                        .setPartition(partition.partition())
                        .setFetchOffset(partition.offset())
                        .setPartitionMaxBytes(config.maxPartitionFetchBytes()))
                .toList());
        if (version >= 13) {
            fetchTopic.setTopicId(described.topicId());
        } else {
            fetchTopic.setTopic(topic);
        }
        return new FetchRequest()
                .setMaxWaitMs((int) config.fetchMaxWait().toMillis())
                .setMinBytes(config.fetchMinBytes())
                .setMaxBytes(config.fetchMaxBytes())
                .setIsolationLevel(config.isolationLevel().wireValue())
                .setSessionEpoch(-1)
                .setTopics(List.of(fetchTopic));
    }

    private void handle(Broker leader, List<Requested> requested, FetchResponse response, Throwable error) {
        synchronized (lock) {
            fetchingFrom.remove(leader);
            requested.forEach(partition -> {
                PartitionState state = partitions.get(partition.partition());
                if (state != null && state.fetchToken == partition.token()) {
                    state.fetching = false;
                }
            });
            if (error != null) {
                KafkaException cause = Futures.unwrap(error);
                log.debug("Fetching {} from broker {} failed, retrying: {}", topic, leader.address(), cause.getMessage());
                context.metadata().invalidate(topic);
                requested.forEach(partition -> {
                    PartitionState state = partitions.get(partition.partition());
                    if (state != null) {
                        backOff(state);
                    }
                });
                return;
            }
            try {
                Map<Integer, Requested> byPartition = new HashMap<>();
                requested.forEach(partition -> byPartition.put(partition.partition(), partition));
                for (FetchResponse.FetchableTopicResponse topicResponse : response.responses()) {
                    for (FetchResponse.PartitionData data : topicResponse.partitions()) {
                        Requested asked = byPartition.get(data.partitionIndex());
                        PartitionState state = partitions.get(data.partitionIndex());
                        if (asked != null && state != null && !closed && state.generation == asked.generation()) {
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
                state.highWatermark = data.highWatermark();
                ByteBuf records = data.records();
                if (records == null || !records.isReadable()) {
                    return;
                }
                FetchedChunk chunk = new FetchedChunk(topic, state.id, state.generation, asked.offset(), records.retain(),
                        config.checkCrcs(), abortedTransactions(data));
                if (chunk.nextFetchOffset() <= state.position) {
                    chunk.release();
                    return;
                }
                state.position = chunk.nextFetchOffset();
                state.buffered += chunk.recordCount();
                ready.add(chunk);
            }
            case OFFSET_OUT_OF_RANGE -> resetOutOfRange(state, asked.offset(), data);
            case TOPIC_AUTHORIZATION_FAILED -> failure = new AuthorizationException("read", "topic '" + topic + "'");
            default -> {
                if (error.invalidatesMetadata()) {
                    context.metadata().invalidate(topic);
                }
                log.debug("Fetching {}-{} answered {}; retrying", topic, state.id, error);
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
            failure = new OffsetOutOfRangeException(topic, state.id, offset, "the log now starts at "
                    + data.logStartOffset() + " and ends at " + data.highWatermark());
            return;
        }
        state.resetting = true;
        long generation = state.generation;
        listOffsets.apply(policy == OffsetReset.EARLIEST ? -2L : -1L).whenComplete((offsets, error) -> {
            synchronized (lock) {
                if (state.generation != generation) {
                    return;
                }
                state.resetting = false;
                if (error != null) {
                    backOff(state);
                    return;
                }
                long target = offsets.get(state.id);
                log.warn("Offset {} of topic '{}' partition {} is out of range; continuing at the {} offset {}"
                        + " (autoOffsetReset={})", offset, topic, state.id, policy.name().toLowerCase(), target, policy);
                state.position = target;
            }
            fetchMore();
        });
    }

    private void backOff(PartitionState state) {
        state.retryAtNanos = System.nanoTime() + RETRY_BACKOFF_NANOS;
        retryLater();
    }

    private void retryLater() {
        context.scheduler().schedule(this::fetchMore, RETRY_BACKOFF_NANOS, TimeUnit.NANOSECONDS);
    }

    /** What one fetch (identified by its token) asked of one partition in one of its generations. */
    private record Requested(int partition, long offset, long generation, long token) {
    }

    /**
     * A partition's fetch position and prefetch bookkeeping; guarded by the pipeline's lock. Its generation is
     * unique within the pipeline, so chunks fetched before a seek, a revoke or a re-assignment are never mistaken
     * for current ones.
     */
    private static final class PartitionState {

        private final int id;
        private long position;
        private long generation;
        private int buffered;
        private boolean fetching;
        private long fetchToken;
        private boolean resetting;
        private long retryAtNanos;
        private long highWatermark = -1;

        PartitionState(int id, long position, long generation) {
            this.id = id;
            this.position = position;
            this.generation = generation;
        }

        /** Whether the last fetch found nothing past the position: a fetch of it would wait for new records. */
        boolean caughtUp() {
            return highWatermark >= 0 && position >= highWatermark;
        }
    }
}

package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.gregor.AuthorizationException;
import dev.gregor.Broker;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaException;
import dev.gregor.RecordTooLargeException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ProduceRequest;
import dev.gregor.internal.protocol.message.ProduceResponse;
import dev.gregor.producer.Acks;
import dev.gregor.producer.ProducerConfig;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer engine's one background thread, for every topic it produces to: takes ready batches, groups them by
 * partition leader into Produce requests carrying the batches of all topics led there
 * (one batch in flight per partition, so retries can never reorder a partition), and finishes batches from the
 * responses — completing them, retrying them after a backoff (the same bytes, so an idempotent producer's retry
 * is never written twice), or failing them with a clear error. Responses are handed over from the network thread,
 * so every batch and all of this state are touched by this thread only, and user callbacks never run on the
 * network thread.
 */
final class Sender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int REQUEST_OVERHEAD = 256;
    /**
     * Produce requests a broker may have unanswered, as kafka-clients' default. Batches that become ready meanwhile
     * leave together in the next request: with many partitions per broker, no limit only splits the same batches into
     * more, smaller requests, costing broker and client per request (50 topics x 2 partitions on one broker: 7
     * batches a request without a limit, 16 with five, and about 15-25% more records/s here; two gave 28 a request
     * but fewer records/s, and held one topic of 6 partitions back). Order never depends on it: a partition has one
     * batch in flight at most.
     */
    static final int MAX_REQUESTS_IN_FLIGHT = 5;
    /** Produce v12 on adds a transaction's partitions implicitly (KIP-890 part 2); Gregor adds them itself. */
    private static final short LAST_TRANSACTION_V1_PRODUCE = 11;

    private final String name;
    private final ProducerConfig config;
    private final RecordAccumulator accumulator;
    private final MetadataCache metadata;
    private final BrokerConnections connections;
    private final ProducerIdentity identity;
    /** The engine's transactions; null for an engine without a transactional id. */
    private final NativeTransactions transactions;
    private final int brokerTimeoutMillis;
    private final ProducerCounters counters;
    private final Queue<Runnable> handOver = new ConcurrentLinkedQueue<>();
    private final Set<TopicPartition> inFlight = new HashSet<>();
    /** Produce requests sent to each broker (by id) and not yet answered. */
    private final Map<Integer, Integer> requestsInFlight = new HashMap<>();
    /** Partitions with a batch that waits, in this round, for its leader to answer an earlier request. */
    private final Set<TopicPartition> waitingForLeader = new HashSet<>();
    private final AtomicInteger flushing = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean woken;
    private volatile Thread thread;

    /**
     * A sender whose thread is called {@code name}, under {@code identity} (null without idempotence); a transactional
     * engine's {@code transactions} (else null) get that identity, and add partitions before their batches leave.
     */
    Sender(String name, ProducerConfig config, RecordAccumulator accumulator, MetadataCache metadata,
           BrokerConnections connections, Duration requestTimeout, ProducerCounters counters,
           ProducerIdentity identity, NativeTransactions transactions) {
        this.transactions = transactions;
        this.name = name;
        this.config = config;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.connections = connections;
        this.identity = identity;
        this.counters = counters;
        this.brokerTimeoutMillis = (int) Math.max(1_000, requestTimeout.toMillis() - 1_000);
    }

    /** Starts the sender's thread. */
    void start() {
        Thread started = new Thread(this, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Makes the sender look for ready batches now. */
    void wakeup() {
        woken = true;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** Sends every batch without waiting for linger until {@link #endFlush()}. */
    void beginFlush() {
        flushing.incrementAndGet();
        wakeup();
    }

    void endFlush() {
        flushing.decrementAndGet();
    }

    /** Stops once every batch is finished. */
    void shutdown() {
        closing = true;
        wakeup();
    }

    /**
     * Fails every batch still held, sent or not, on the sender's thread, with the failure {@code reason} gives.
     * Answers that arrive for them later are dropped.
     */
    void abandon(Function<ProducerBatch, KafkaException> reason) {
        handOver.add(() -> {
            accumulator.failAll(reason);
            // Their answers are dropped when they come (the batches are done), so none holds up the stop.
            inFlight.clear();
        });
        wakeup();
    }

    /**
     * Fails, on the sender's thread, every batch not sent yet (an aborted transaction's), with the failure
     * {@code reason} gives; those in flight end as their answers say.
     */
    void abandonUnsent(Function<ProducerBatch, KafkaException> reason) {
        handOver.add(() -> accumulator.failUnsent(inFlight::contains, reason));
        wakeup();
    }

    /** Waits up to {@code timeout} for the thread to end; returns whether it did. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread current = thread;
        if (current == null) {
            return true;
        }
        current.join(Math.max(1, timeout.toMillis()));
        return !current.isAlive();
    }

    @Override
    public void run() {
        while (!(closing && inFlight.isEmpty() && accumulator.isEmpty())) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("Producer engine {} hit an unexpected error; continuing", name, e);
            }
        }
        log.debug("Producer engine {} stopped", name);
    }

    private void runOnce() {
        Runnable handed;
        while ((handed = handOver.poll()) != null) {
            handed.run();
        }
        long now = System.nanoTime();
        expireOverdue(now);
        if (identity != null && !identity.isReady()) {
            if (transactions == null) {
                identity.initialize(this::wakeup);
            }
            park(IDLE_PARK_NANOS);
            return;
        }
        sendReady(now);
        // Partitions with a request in flight cannot send before its answer, which wakes this thread: waiting on
        // them here would spin.
        // So do partitions whose leader has as many requests in flight as it may.
        // So do partitions waiting to be added to the transaction, whose answer wakes it too.
        park(Math.min(IDLE_PARK_NANOS, accumulator.nanosUntilNextReady(System.nanoTime(),
                partition -> inFlight.contains(partition) || waitingForLeader.contains(partition)
                        || (transactions != null && !transactions.isAdded(partition)))));
    }

    private void park(long nanos) {
        if (!woken && handOver.isEmpty() && nanos > 0) {
            LockSupport.parkNanos(this, nanos);
        }
        woken = false;
    }

    private void expireOverdue(long now) {
        for (TopicPartition partition : accumulator.partitionsWithBatches()) {
            if (inFlight.contains(partition)) {
                continue;
            }
            List<ProducerBatch> expired = accumulator.expire(partition, now, this::deadlinePassed);
            if (expired.stream().anyMatch(batch -> batch.attempts() > 0)) {
                abandonSequences();
            }
        }
    }

    private KafkaException deadlinePassed(ProducerBatch batch) {
        return new DeliveryException(batch.partition().topic(), batch.partition().partition(),
                "not acknowledged within deliveryTimeout (" + config.deliveryTimeout().toMillis() + " ms) after "
                        + batch.attempts() + " attempt(s)" + batch.lastError().map(error -> "; last error: "
                        + error.getMessage()).orElseGet(() -> "; " + whyNeverAnswered(batch.partition())),
                batch.lastError().orElse(null));
    }

    /** Why a batch no attempt of which failed was not acknowledged: it never reached a leader, or waited behind one. */
    private String whyNeverAnswered(TopicPartition partition) {
        TopicMetadata described = metadata.current().topics().get(partition.topic());
        Optional<Broker> leader = described == null || partition.partition() >= described.partitions().size()
                ? Optional.empty() : described.partitions().get(partition.partition()).leader();
        return leader.map(broker -> "it waited behind an earlier batch of the partition that its leader, broker "
                        + broker.id() + " at " + broker.address() + ", had not answered")
                .orElse("the partition had no leader");
    }

    private void sendReady(long now) {
        boolean flush = closing || flushing.get() > 0;
        Map<String, TopicMetadata> topics = new HashMap<>();
        Map<Broker, List<ProducerBatch>> byLeader = new HashMap<>();
        List<TopicPartition> toAdd = new ArrayList<>();
        waitingForLeader.clear();
        for (TopicPartition partitionId : accumulator.partitionsWithBatches()) {
            if (inFlight.contains(partitionId)) {
                continue;
            }
            if (transactions != null && !transactions.isAdded(partitionId)) {
                KafkaException refused = transactions.addFailure();
                if (refused != null) {
                    accumulator.expire(partitionId, Long.MAX_VALUE, batch -> refused);
                } else {
                    toAdd.add(partitionId);
                }
                continue;
            }
            TopicMetadata described = topics.computeIfAbsent(partitionId.topic(), this::describedNow);
            if (described == null || partitionId.partition() >= described.partitions().size()) {
                continue;
            }
            Optional<Broker> leader = described.partitions().get(partitionId.partition()).leader();
            if (leader.isPresent() && !hasRoom(leader.get())) {
                // Left open to fill up while the leader works: many small requests would cost both sides more.
                waitingForLeader.add(partitionId);
                continue;
            }
            ProducerBatch batch = accumulator.takeReady(partitionId, now, flush);
            if (batch == null || batch.isBackingOff(now)) {
                continue;
            }
            if (leader.isEmpty()) {
                metadata.invalidate(partitionId.topic());
                continue;
            }
            byLeader.computeIfAbsent(leader.get(), broker -> new ArrayList<>()).add(batch);
        }
        if (!toAdd.isEmpty()) {
            transactions.add(toAdd, this::wakeup);
        }
        byLeader.forEach((leader, batches) -> {
            for (List<ProducerBatch> request : bySize(batches)) {
                if (!hasRoom(leader)) {
                    // The rest stay the oldest of their partitions, taken again once the leader answers.
                    request.forEach(batch -> waitingForLeader.add(batch.partition()));
                    continue;
                }
                send(leader, request, topics);
            }
        });
    }

    private boolean hasRoom(Broker leader) {
        return requestsInFlight.getOrDefault(leader.id(), 0) < MAX_REQUESTS_IN_FLIGHT;
    }

    /** The topic's metadata if it is at hand; otherwise null, and this thread is woken when a lookup finishes. */
    private TopicMetadata describedNow(String topic) {
        CompletableFuture<TopicMetadata> lookup = metadata.topic(topic);
        TopicMetadata described = lookup.getNow(null);
        if (described == null) {
            lookup.whenComplete((ignored, failure) -> wakeup());
        }
        return described;
    }

    private List<List<ProducerBatch>> bySize(List<ProducerBatch> batches) {
        List<List<ProducerBatch>> requests = new ArrayList<>();
        List<ProducerBatch> current = new ArrayList<>();
        int size = REQUEST_OVERHEAD;
        for (ProducerBatch batch : batches) {
            ByteBuf bytes = seal(batch);
            if (!current.isEmpty() && size + bytes.readableBytes() > config.maxRequestSize()) {
                requests.add(current);
                current = new ArrayList<>();
                size = REQUEST_OVERHEAD;
            }
            current.add(batch);
            size += bytes.readableBytes();
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    private ByteBuf seal(ProducerBatch batch) {
        if (batch.sealed() != null) {
            return batch.sealed();
        }
        if (identity == null) {
            return batch.seal(-1, (short) -1, -1);
        }
        int sequence = identity.takeSequences(batch.partition(), batch.recordCount());
        return batch.seal(identity.producerId(), identity.epoch(), sequence);
    }

    private void send(Broker leader, List<ProducerBatch> batches, Map<String, TopicMetadata> topics) {
        List<ByteBuf> payloads = new ArrayList<>(batches.size());
        for (ProducerBatch batch : batches) {
            inFlight.add(batch.partition());
            batch.attempted();
            payloads.add(seal(batch).retainedDuplicate());
        }
        counters.sent(batches.size());
        requestsInFlight.merge(leader.id(), 1, Integer::sum);
        boolean expectsResponse = config.acks() != Acks.NONE;
        connections.get(new BrokerAddress(leader.host(), leader.port()))
                .handle((connection, unreachable) -> {
                    if (unreachable != null) {
                        payloads.forEach(ByteBuf::release);
                        return CompletableFuture.<ProtocolMessage>failedFuture(unreachable);
                    }
                    short version = transactions == null ? connection.version(ApiKey.PRODUCE)
                            : (short) Math.min(connection.version(ApiKey.PRODUCE), LAST_TRANSACTION_V1_PRODUCE);
                    return connection.send(ApiKey.PRODUCE, version, request(batches, payloads, topics, version),
                            expectsResponse);
                })
                .thenCompose(sent -> sent)
                .whenComplete((response, failure) -> {
                    handOver.add(() -> {
                        requestsInFlight.merge(leader.id(), -1, Integer::sum);
                        finish(batches, response, failure, topics);
                    });
                    wakeup();
                });
    }

    /**
     * A Produce request, one entry per topic, that takes ownership of {@code payloads}, the batches' bytes in the
     * same order. From version 13 on topics are named by their ids.
     */
    private ProduceRequest request(List<ProducerBatch> batches, List<ByteBuf> payloads,
                                   Map<String, TopicMetadata> topics, short version) {
        Map<String, ProduceRequest.TopicProduceData> byTopic = new HashMap<>();
        List<ProduceRequest.TopicProduceData> data = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            String topic = batches.get(i).partition().topic();
            ProduceRequest.TopicProduceData entry = byTopic.computeIfAbsent(topic, name -> {
                ProduceRequest.TopicProduceData created = new ProduceRequest.TopicProduceData()
                        .setPartitionData(new ArrayList<>());
                if (version >= 13) {
                    created.setTopicId(topics.get(name).topicId());
                } else {
                    created.setName(name);
                }
                data.add(created);
                return created;
            });
            entry.partitionData().add(new ProduceRequest.PartitionProduceData()
                    .setIndex(batches.get(i).partition().partition())
                    .setRecords(payloads.get(i)));
        }
        return new ProduceRequest()
                .setTransactionalId(config.transactionalId().orElse(null))
                .setAcks(config.acks().wireValue())
                .setTimeoutMs(brokerTimeoutMillis)
                .setTopicData(data);
    }

    private void finish(List<ProducerBatch> sent, ProtocolMessage message, Throwable failure,
                        Map<String, TopicMetadata> topics) {
        sent.forEach(batch -> inFlight.remove(batch.partition()));
        List<ProducerBatch> batches = sent.stream().filter(batch -> !batch.isDone()).toList();
        if (failure != null) {
            KafkaException error = Futures.unwrap(failure);
            batches.stream().map(batch -> batch.partition().topic()).distinct().forEach(metadata::invalidate);
            batches.forEach(batch -> retryOrFail(batch, error, error.isRetriable()));
            return;
        }
        if (message == null) {
            batches.forEach(batch -> completed(batch, -1, -1));
            return;
        }
        ProduceResponse response = (ProduceResponse) message;
        try {
            Map<UUID, String> namesById = new HashMap<>();
            topics.forEach((name, described) -> namesById.put(described.topicId(), name));
            Map<TopicPartition, ProduceResponse.PartitionProduceResponse> byPartition = new HashMap<>();
            response.responses().forEach(topicResponse -> {
                String topic = topicResponse.name() != null && !topicResponse.name().isEmpty()
                        ? topicResponse.name() : namesById.get(topicResponse.topicId());
                topicResponse.partitionResponses().forEach(partition ->
                        byPartition.put(new TopicPartition(String.valueOf(topic), partition.index()), partition));
            });
            Set<String> stale = new HashSet<>();
            for (ProducerBatch batch : batches) {
                ProduceResponse.PartitionProduceResponse answer = byPartition.get(batch.partition());
                if (answer == null) {
                    retryOrFail(batch, new DeliveryException(batch.partition().topic(), batch.partition().partition(),
                            "the broker's answer did not mention the partition", null), true);
                } else {
                    handle(batch, answer, stale::add);
                }
            }
            stale.forEach(metadata::invalidate);
        } finally {
            response.release();
        }
    }

    /**
     * A refusal of a batch the producer kept within the topic's limit as it read it at the start: the limit is lower
     * now, or could not be read.
     */
    private RecordTooLargeException tooLarge(ProducerBatch batch, ErrorCode error) {
        boolean alone = batch.recordCount() == 1;
        return new RecordTooLargeException((alone ? "A record" : "A batch of " + batch.recordCount() + " records")
                + " for topic '" + batch.partition().topic() + "' partition " + batch.partition().partition()
                + " is larger than the broker accepts (" + error.name() + "): the topic's max.message.bytes is smaller"
                + " than the producer knew (lowered since it started, or not readable then). "
                + (alone ? "Send a smaller record" : "Lower batchSize") + ", or raise the topic's max.message.bytes.");
    }

    private void handle(ProducerBatch batch, ProduceResponse.PartitionProduceResponse answer, Consumer<String> stale) {
        ErrorCode error = ErrorCode.forCode(answer.errorCode());
        switch (error) {
            case NONE, DUPLICATE_SEQUENCE_NUMBER -> completed(batch, answer.baseOffset(), answer.logAppendTimeMs());
            case MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE -> failed(batch, tooLarge(batch, error));
            case TOPIC_AUTHORIZATION_FAILED -> failed(batch,
                    new AuthorizationException("write to", "topic '" + batch.partition().topic() + "'"));
            case OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID, INVALID_PRODUCER_EPOCH, PRODUCER_FENCED -> {
                if (transactions != null) {
                    transactions.epochRefused();
                } else {
                    identity.reset();
                }
                failed(batch, deliveryError(batch, answer, error));
            }
            default -> {
                if (error.invalidatesMetadata()) {
                    stale.accept(batch.partition().topic());
                }
                retryOrFail(batch, deliveryError(batch, answer, error), error.isRetriable());
            }
        }
    }

    private DeliveryException deliveryError(ProducerBatch batch, ProduceResponse.PartitionProduceResponse answer, ErrorCode error) {
        String detail = answer.errorMessage() != null ? ": " + answer.errorMessage() : "";
        return new DeliveryException(batch.partition().topic(), batch.partition().partition(), "the broker answered "
                + ErrorCode.describe(answer.errorCode()) + detail, null);
    }

    private void retryOrFail(ProducerBatch batch, KafkaException error, boolean retriable) {
        if (retriable) {
            log.debug("Retrying a batch for {} after: {}", batch.partition(), error.getMessage());
            batch.retryAfter(config.retryBackoff().toNanos(), error);
        } else {
            failed(batch, error);
        }
    }

    private void completed(ProducerBatch batch, long baseOffset, long logAppendTime) {
        counters.delivered(batch.recordCount(), batch.sealed().readableBytes());
        accumulator.remove(batch);
        batch.complete(baseOffset, logAppendTime);
    }

    private void failed(ProducerBatch batch, KafkaException error) {
        log.warn("{} record(s) for topic '{}' partition {} not delivered: {}", batch.recordCount(),
                batch.partition().topic(), batch.partition().partition(), error.getMessage());
        accumulator.remove(batch);
        batch.fail(error);
        abandonSequences();
    }

    /**
     * After a sent batch was given up: its sequence numbers are spent whether or not the broker wrote it, so the
     * partition's next batch must not follow on from them (the broker would refuse it as out of order). A
     * transactional engine cannot bump its epoch alone: its abort asks the coordinator for the next one.
     */
    private void abandonSequences() {
        if (identity != null && transactions == null) {
            identity.bumpEpoch();
        }
    }
}

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.gregor.AuthorizationException;
import dev.gregor.Broker;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaException;
import dev.gregor.Partition;
import dev.gregor.RecordTooLargeException;
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
 * The producer's one background thread: takes ready batches, groups them by partition leader into Produce requests
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

    private final String topic;
    private final ProducerConfig config;
    private final RecordAccumulator accumulator;
    private final MetadataCache metadata;
    private final BrokerConnections connections;
    private final ProducerIdentity identity;
    private final int brokerTimeoutMillis;
    private final ProducerCounters counters;
    private final Queue<Runnable> handOver = new ConcurrentLinkedQueue<>();
    private final Set<Integer> inFlight = new HashSet<>();
    private final AtomicInteger flushing = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean woken;
    private volatile Thread thread;

    Sender(String topic, ProducerConfig config, RecordAccumulator accumulator, MetadataCache metadata,
           BrokerConnections connections, Duration requestTimeout, ProducerCounters counters) {
        this.topic = topic;
        this.config = config;
        this.accumulator = accumulator;
        this.metadata = metadata;
        this.connections = connections;
        this.identity = config.idempotence() ? new ProducerIdentity(metadata) : null;
        this.counters = counters;
        this.brokerTimeoutMillis = (int) Math.max(1_000, requestTimeout.toMillis() - 1_000);
    }

    /** Starts the sender's thread. */
    void start() {
        Thread started = new Thread(this, "gregor-producer-" + topic);
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

    /** Sends every batch without waiting for linger until the returned future, given by the caller, completes. */
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
     * Fails every batch still held, sent or not, on the sender's thread; the returned future completes when that is
     * done. Answers that arrive for them later are dropped.
     */
    CompletableFuture<Void> abandon(Duration closeTimeout) {
        CompletableFuture<Void> abandoned = new CompletableFuture<>();
        handOver.add(() -> {
            accumulator.failAll(batch -> ClosedBeforeDelivery.failure(topic, batch.partition(), closeTimeout,
                    batch.lastError().orElse(null))).forEach(batch -> counters.failed(batch.recordCount()));
            abandoned.complete(null);
        });
        wakeup();
        return abandoned;
    }

    @Override
    public void run() {
        while (!(closing && inFlight.isEmpty() && accumulator.isEmpty())) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.error("Producer for topic '{}' hit an unexpected error; continuing", topic, e);
            }
        }
        log.debug("Producer sender for topic '{}' stopped", topic);
    }

    private void runOnce() {
        Runnable handed;
        while ((handed = handOver.poll()) != null) {
            handed.run();
        }
        long now = System.nanoTime();
        expireOverdue(now);
        if (identity != null && !identity.isReady()) {
            identity.initialize(this::wakeup);
            park(IDLE_PARK_NANOS);
            return;
        }
        CompletableFuture<TopicMetadata> lookup = metadata.topic(topic);
        TopicMetadata described = lookup.getNow(null);
        if (described == null) {
            lookup.whenComplete((ignored, failure) -> wakeup());
            park(IDLE_PARK_NANOS);
            return;
        }
        sendReady(described, now);
        // Partitions with a request in flight cannot send before its answer, which wakes this thread: waiting on
        // them here would spin.
        park(Math.min(IDLE_PARK_NANOS, accumulator.nanosUntilNextReady(System.nanoTime(), inFlight::contains)));
    }

    private void park(long nanos) {
        if (!woken && handOver.isEmpty() && nanos > 0) {
            LockSupport.parkNanos(this, nanos);
        }
        woken = false;
    }

    private void expireOverdue(long now) {
        for (int partition : accumulator.partitionsWithBatches()) {
            if (inFlight.contains(partition)) {
                continue;
            }
            List<ProducerBatch> expired = accumulator.expire(partition, now, this::deadlinePassed);
            expired.forEach(batch -> counters.failed(batch.recordCount()));
            if (expired.stream().anyMatch(batch -> batch.attempts() > 0)) {
                abandonSequences();
            }
        }
    }

    private KafkaException deadlinePassed(ProducerBatch batch) {
        return new DeliveryException(topic, batch.partition(), "not acknowledged within deliveryTimeout ("
                + config.deliveryTimeout().toMillis() + " ms) after " + batch.attempts() + " attempt(s)"
                + batch.lastError().map(error -> "; last error: " + error.getMessage())
                        .orElseGet(() -> "; " + whyNeverAnswered(batch.partition())), batch.lastError().orElse(null));
    }

    /** Why a batch no attempt of which failed was not acknowledged: it never reached a leader, or waited behind one. */
    private String whyNeverAnswered(int partition) {
        TopicMetadata described = metadata.topic(topic).getNow(null);
        Optional<Broker> leader = described == null || partition >= described.partitions().size()
                ? Optional.empty() : described.partitions().get(partition).leader();
        return leader.map(broker -> "it waited behind an earlier batch of the partition that its leader, broker "
                        + broker.id() + " at " + broker.address() + ", had not answered")
                .orElse("the partition had no leader");
    }

    private void sendReady(TopicMetadata described, long now) {
        boolean flush = closing || flushing.get() > 0;
        Map<Broker, List<ProducerBatch>> byLeader = new HashMap<>();
        for (int partitionId : accumulator.partitionsWithBatches()) {
            if (inFlight.contains(partitionId) || partitionId >= described.partitions().size()) {
                continue;
            }
            ProducerBatch batch = accumulator.takeReady(partitionId, now, flush);
            if (batch == null || batch.isBackingOff(now)) {
                continue;
            }
            Partition partition = described.partitions().get(partitionId);
            if (partition.leader().isEmpty()) {
                metadata.invalidate(topic);
                continue;
            }
            byLeader.computeIfAbsent(partition.leader().get(), leader -> new ArrayList<>()).add(batch);
        }
        byLeader.forEach((leader, batches) -> {
            for (List<ProducerBatch> request : bySize(batches)) {
                send(leader, request, described);
            }
        });
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

    private void send(Broker leader, List<ProducerBatch> batches, TopicMetadata described) {
        List<ByteBuf> payloads = new ArrayList<>(batches.size());
        for (ProducerBatch batch : batches) {
            inFlight.add(batch.partition());
            batch.attempted();
            payloads.add(seal(batch).retainedDuplicate());
        }
        counters.sent(batches.size());
        boolean expectsResponse = config.acks() != Acks.NONE;
        connections.get(new BrokerAddress(leader.host(), leader.port()))
                .handle((connection, unreachable) -> {
                    if (unreachable != null) {
                        payloads.forEach(ByteBuf::release);
                        return CompletableFuture.<ProtocolMessage>failedFuture(unreachable);
                    }
                    short version = connection.version(ApiKey.PRODUCE);
                    return connection.send(ApiKey.PRODUCE, version, request(batches, payloads, described, version),
                            expectsResponse);
                })
                .thenCompose(sent -> sent)
                .whenComplete((response, failure) -> {
                    handOver.add(() -> finish(batches, response, failure));
                    wakeup();
                });
    }

    /** A Produce request that takes ownership of {@code payloads}, the batches' bytes in the same order. */
    private ProduceRequest request(List<ProducerBatch> batches, List<ByteBuf> payloads, TopicMetadata described,
                                   short version) {
        ProduceRequest.TopicProduceData data = new ProduceRequest.TopicProduceData();
        if (version >= 13) {
            data.setTopicId(described.topicId());
        } else {
            data.setName(topic);
        }
        List<ProduceRequest.PartitionProduceData> partitions = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            partitions.add(new ProduceRequest.PartitionProduceData()
                    .setIndex(batches.get(i).partition())
                    .setRecords(payloads.get(i)));
        }
        data.setPartitionData(partitions);
        return new ProduceRequest()
                .setAcks(config.acks().wireValue())
                .setTimeoutMs(brokerTimeoutMillis)
                .setTopicData(List.of(data));
    }

    private void finish(List<ProducerBatch> sent, ProtocolMessage message, Throwable failure) {
        sent.forEach(batch -> inFlight.remove(batch.partition()));
        List<ProducerBatch> batches = sent.stream().filter(batch -> !batch.isDone()).toList();
        if (failure != null) {
            KafkaException error = Futures.unwrap(failure);
            metadata.invalidate(topic);
            batches.forEach(batch -> retryOrFail(batch, error, error.isRetriable()));
            return;
        }
        if (message == null) {
            batches.forEach(batch -> completed(batch, -1, -1));
            return;
        }
        ProduceResponse response = (ProduceResponse) message;
        try {
            Map<Integer, ProduceResponse.PartitionProduceResponse> byPartition = new HashMap<>();
            response.responses().forEach(topicResponse -> topicResponse.partitionResponses()
                    .forEach(partition -> byPartition.put(partition.index(), partition)));
            for (ProducerBatch batch : batches) {
                ProduceResponse.PartitionProduceResponse answer = byPartition.get(batch.partition());
                if (answer == null) {
                    retryOrFail(batch, new DeliveryException(topic, batch.partition(),
                            "the broker's answer did not mention the partition", null), true);
                } else {
                    handle(batch, answer);
                }
            }
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
                + " for topic '" + topic + "' partition " + batch.partition() + " is larger than the broker accepts ("
                + error.name() + "): the topic's max.message.bytes is smaller than the producer knew (lowered since it"
                + " started, or not readable then). " + (alone ? "Send a smaller record" : "Lower batchSize")
                + ", or raise the topic's max.message.bytes.");
    }

    private void handle(ProducerBatch batch, ProduceResponse.PartitionProduceResponse answer) {
        ErrorCode error = ErrorCode.forCode(answer.errorCode());
        switch (error) {
            case NONE, DUPLICATE_SEQUENCE_NUMBER -> completed(batch, answer.baseOffset(), answer.logAppendTimeMs());
            case MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE -> failed(batch, tooLarge(batch, error));
            case TOPIC_AUTHORIZATION_FAILED -> failed(batch, new AuthorizationException("write to", "topic '" + topic + "'"));
            case OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID, INVALID_PRODUCER_EPOCH -> {
                identity.reset();
                failed(batch, deliveryError(batch, answer, error));
            }
            default -> {
                if (error.invalidatesMetadata()) {
                    metadata.invalidate(topic);
                }
                retryOrFail(batch, deliveryError(batch, answer, error), error.isRetriable());
            }
        }
    }

    private DeliveryException deliveryError(ProducerBatch batch, ProduceResponse.PartitionProduceResponse answer, ErrorCode error) {
        String detail = answer.errorMessage() != null ? ": " + answer.errorMessage() : "";
        return new DeliveryException(topic, batch.partition(), "the broker answered "
                + ErrorCode.describe(answer.errorCode()) + detail, null);
    }

    private void retryOrFail(ProducerBatch batch, KafkaException error, boolean retriable) {
        if (retriable) {
            log.debug("Retrying a batch for {}-{} after: {}", topic, batch.partition(), error.getMessage());
            batch.retryAfter(config.retryBackoff().toNanos(), error);
        } else {
            failed(batch, error);
        }
    }

    private void completed(ProducerBatch batch, long baseOffset, long logAppendTime) {
        counters.delivered(batch.recordCount());
        accumulator.remove(batch);
        batch.complete(baseOffset, logAppendTime);
    }

    private void failed(ProducerBatch batch, KafkaException error) {
        log.warn("{} record(s) for topic '{}' partition {} not delivered: {}", batch.recordCount(), topic,
                batch.partition(), error.getMessage());
        counters.failed(batch.recordCount());
        accumulator.remove(batch);
        batch.fail(error);
        abandonSequences();
    }

    /**
     * After a sent batch was given up: its sequence numbers are spent whether or not the broker wrote it, so the
     * partition's next batch must not follow on from them (the broker would refuse it as out of order).
     */
    private void abandonSequences() {
        if (identity != null) {
            identity.bumpEpoch();
        }
    }
}

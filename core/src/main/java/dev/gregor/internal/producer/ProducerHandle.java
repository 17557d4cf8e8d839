package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.ProducerEngines;
import dev.gregor.internal.engine.RecordDelivery;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerMetrics;
import dev.gregor.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Producer} users hold, on either backend: a handle on the client's shared engine for its configuration.
 * It keeps what is the caller's own — the bound topic, sync mode, the delivery-report queue and its bound, the
 * partitioner with each topic's routing, and the records it has not seen reported yet, which its own
 * {@link #flush()} and {@link #close()} wait for while other handles on the engine keep sending.
 */
public final class ProducerHandle implements Producer {

    private static final Logger log = LoggerFactory.getLogger(ProducerHandle.class);

    private final ClientContext context;
    private final ProducerEngines engines;
    private final ProducerEngine engine;
    private final String topic;
    private final ProducerConfig config;
    private final DeliveryTracker tracker;
    private final Map<String, ProducerRouting> routes = new ConcurrentHashMap<>();
    private final Set<PendingRecord> pending = ConcurrentHashMap.newKeySet();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A handle bound to {@code topic} (null: to none, every call names its topic) on the engine of {@code engines}
     * for {@code config}; a bound topic's routing is read at once.
     */
    public ProducerHandle(ClientContext context, ProducerEngines engines, String topic, ProducerConfig config) {
        this.context = context;
        this.engines = engines;
        this.topic = topic;
        this.config = config;
        this.tracker = new DeliveryTracker(config.maxQueuedRecords(), config.blockWhenFull(), config.maxBlock(),
                config.deliveryReports());
        this.engine = engines.acquire(config);
        try {
            if (topic != null) {
                routing(topic);
            }
            context.adopt().accept(this);
        } catch (RuntimeException e) {
            engines.release(engine, Duration.ZERO);
            throw e;
        }
        log.debug("Producer {} opened on {}", this, engine);
    }

    @Override
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    @Override
    public void produce(ProducerRecord record) {
        produce(boundTopic("produce"), record);
    }

    @Override
    public void produce(String topic, ProducerRecord record) {
        CompletableFuture<DeliveryReport> delivery = send(topic, record);
        if (config.sync()) {
            try {
                delivery.join();
            } catch (RuntimeException e) {
                throw Futures.rethrown(e);
            }
        }
    }

    @Override
    public CompletableFuture<DeliveryReport> send(ProducerRecord record) {
        return send(boundTopic("send"), record);
    }

    @Override
    public CompletableFuture<DeliveryReport> send(String topic, ProducerRecord record) {
        requireOpen();
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(record, "record");
        ProducerRouting routing = routing(topic);
        int size = routing.checkSize(record);
        int partition = routing.partitionOf(record);
        tracker.reserve(topic);
        PendingRecord delivery = new PendingRecord(new TopicPartition(topic, partition), record);
        pending.add(delivery);
        boolean filled;
        try {
            filled = engine.append(delivery.partition, record, size, routing.batchSize(), delivery);
        } catch (RuntimeException e) {
            pending.remove(delivery);
            tracker.unreserve(1);
            throw e;
        }
        if (filled) {
            config.partitioner().batchFull(topic, partition);
        }
        return delivery;
    }

    private String boundTopic(String call) {
        if (topic == null) {
            throw new InvalidConfigException("topic", null, "a topic named at each call, since this producer"
                    + " (client.producer()) is bound to none: name the topic: " + call + "(\"orders\", record), or"
                    + " make a topic's producer: client.topic(\"orders\").producer()");
        }
        return topic;
    }

    /** The routing of {@code topic}: looked up (blocking up to maxBlock) on its first record, cached after. */
    private ProducerRouting routing(String topic) {
        ProducerRouting known = routes.get(topic);
        if (known != null) {
            return known;
        }
        Futures.await(context.metadata().topic(topic), config.maxBlock(), "Looking up topic '" + topic
                + "' to produce to it");
        ProducerRouting read = new ProducerRouting(context, topic, config);
        ProducerRouting raced = routes.putIfAbsent(topic, read);
        return raced != null ? raced : read;
    }

    /** Counts this handle's own records; batches and requests are the shared engine's, over all its handles. */
    @Override
    public ProducerMetrics metrics() {
        return new ProducerMetrics(delivered.sum(), failed.sum(), engine.batchesSent(), engine.requestsSent());
    }

    @Override
    public DeliveryReport deliveryReport(Duration timeout) {
        return tracker.nextReport(timeout);
    }

    @Override
    public void flush() {
        requireOpen();
        awaitOwnRecords(config.deliveryTimeout().plusSeconds(5));
    }

    /**
     * Has the engine send everything now and waits up to {@code timeout} until every record this handle had queued
     * is reported; returns whether they were.
     */
    private boolean awaitOwnRecords(Duration timeout) {
        CompletableFuture<?>[] waiting = pending.toArray(CompletableFuture<?>[]::new);
        if (waiting.length == 0) {
            return true;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.sendNow(done);
        try {
            CompletableFuture.allOf(waiting).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException someFailed) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.debug("{} did not see its records reported within {} ms", this, timeout.toMillis());
        } finally {
            done.complete(null);
        }
        return false;
    }

    /** Flushes for as long as the delivery timeout lets a record wait, then stops. */
    @Override
    public void close() {
        close(config.deliveryTimeout().plusSeconds(5));
    }

    @Override
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!awaitOwnRecords(timeout)) {
            for (PendingRecord left : pending) {
                left.failed(ClosedBeforeDelivery.failure(left.partition.topic(), left.partition.partition(), timeout,
                        null));
            }
        }
        engines.release(engine, Duration.ZERO);
        context.release().accept(this);
        log.info("{} closed", this);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new ClientClosedException(toString());
        }
    }

    @Override
    public String toString() {
        return topic != null ? "producer for topic '" + topic + "'" : "producer for any topic";
    }

    /** A record of this handle until it is reported; the future {@code send} returns. */
    private final class PendingRecord extends CompletableFuture<DeliveryReport> implements RecordDelivery {

        private final TopicPartition partition;
        private final ProducerRecord record;

        PendingRecord(TopicPartition partition, ProducerRecord record) {
            this.partition = partition;
            this.record = record;
        }

        @Override
        public void delivered(long offset, long timestamp) {
            if (pending.remove(this)) {
                delivered.increment();
                DeliveryReport report = report(offset, timestamp, null);
                complete(report);
            }
        }

        @Override
        public void failed(KafkaException error) {
            if (pending.remove(this)) {
                failed.increment();
                report(-1, -1, error);
                completeExceptionally(error);
            }
        }

        private DeliveryReport report(long offset, long timestamp, KafkaException error) {
            DeliveryReport report = new DeliveryReport(record, partition.topic(), partition.partition(), offset,
                    timestamp, Optional.ofNullable(error));
            tracker.report(report);
            tracker.unreserve(1);
            return report;
        }
    }
}

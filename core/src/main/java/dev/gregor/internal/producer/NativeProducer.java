package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.gregor.ClientClosedException;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.protocol.record.CompressionCodec;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerMetrics;
import dev.gregor.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gregor's own producer: records appended in the caller's thread, sent by one {@link Sender} thread. */
public final class NativeProducer implements Producer {

    private static final Logger log = LoggerFactory.getLogger(NativeProducer.class);
    /** How long close waits for the sender's thread to fail what is left after the close timeout. */
    private static final Duration ABANDON_TIMEOUT = Duration.ofSeconds(5);

    private final ClientContext context;
    private final String topic;
    private final ProducerConfig config;
    private final DeliveryTracker tracker;
    private final RecordAccumulator accumulator;
    private final Sender sender;
    private final ProducerCounters counters = new ProducerCounters();
    private final ProducerRouting routing;
    private volatile boolean closed;

    /** A producer for {@code topic}; its background thread starts at once. */
    public NativeProducer(ClientContext context, String topic, ProducerConfig config) {
        this.context = context;
        this.topic = topic;
        this.config = config;
        this.routing = new ProducerRouting(context, topic, config);
        this.tracker = new DeliveryTracker(config.maxQueuedRecords(), config.blockWhenFull(), config.maxBlock(),
                config.deliveryReports());
        this.accumulator = new RecordAccumulator(topic, context.allocator(),
                CompressionCodec.valueOf(config.compression().name()), routing.batchSize(), config.linger().toNanos(),
                config.deliveryTimeout().toNanos(), tracker);
        this.sender = new Sender(topic, config, accumulator, context.metadata(), context.connections(),
                context.requestTimeout(), counters);
        context.adopt().accept(this);
        sender.start();
        log.info("Producer for topic '{}' started (acks={}, idempotence={}, compression={})", topic, config.acks(),
                config.idempotence(), config.compression());
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    @Override
    public void produce(ProducerRecord record) {
        if (config.sync()) {
            CompletableFuture<DeliveryReport> delivered = new CompletableFuture<>();
            enqueue(record, delivered);
            try {
                delivered.join();
            } catch (RuntimeException e) {
                throw Futures.rethrown(e);
            }
        } else {
            enqueue(record, null);
        }
    }

    @Override
    public CompletableFuture<DeliveryReport> send(ProducerRecord record) {
        CompletableFuture<DeliveryReport> delivered = new CompletableFuture<>();
        enqueue(record, delivered);
        return delivered;
    }

    private void enqueue(ProducerRecord record, CompletableFuture<DeliveryReport> future) {
        requireOpen();
        routing.checkSize(record);
        int partition = routing.partitionOf(record);
        tracker.reserve(topic);
        long timestamp = record.timestamp() >= 0 ? record.timestamp() : System.currentTimeMillis();
        RecordAccumulator.Appended appended;
        try {
            appended = accumulator.append(partition, record, timestamp, future);
        } catch (RuntimeException e) {
            tracker.unreserve(1);
            throw e;
        }
        if (appended == RecordAccumulator.Appended.FILLED) {
            config.partitioner().batchFull(topic, partition);
        }
        if (appended != RecordAccumulator.Appended.JOINED) {
            sender.wakeup();
        }
    }

    @Override
    public ProducerMetrics metrics() {
        return counters.snapshot();
    }

    @Override
    public DeliveryReport deliveryReport(Duration timeout) {
        return tracker.nextReport(timeout);
    }

    @Override
    public void flush() {
        requireOpen();
        awaitDelivered(config.deliveryTimeout().plusSeconds(5));
    }

    /** Sends everything now and waits up to {@code timeout} until every batch is finished; returns whether they were. */
    private boolean awaitDelivered(Duration timeout) {
        sender.beginFlush();
        try {
            accumulator.currentBatchesFinished().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.debug("The producer for topic '{}' did not finish its batches within {} ms", topic, timeout.toMillis());
        } catch (ExecutionException e) {
            log.warn("Flushing the producer for topic '{}' did not finish: {}", topic, e.getCause().toString());
        } finally {
            sender.endFlush();
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
        if (closed) {
            return;
        }
        closed = true;
        boolean delivered = awaitDelivered(timeout);
        sender.shutdown();
        if (!delivered) {
            try {
                sender.abandon(timeout).get(ABANDON_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("The producer for topic '{}' could not fail its undelivered records within {} ms: its"
                        + " thread is busy, perhaps in a callback that blocks", topic, ABANDON_TIMEOUT.toMillis());
            }
        }
        context.release().accept(this);
        log.info("Producer for topic '{}' closed", topic);
    }

    private void requireOpen() {
        if (closed) {
            throw new ClientClosedException("producer for topic '" + topic + "'");
        }
    }

    @Override
    public String toString() {
        return "Producer[" + topic + "]";
    }
}

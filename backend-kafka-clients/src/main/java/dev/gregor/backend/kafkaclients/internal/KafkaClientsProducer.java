package dev.gregor.backend.kafkaclients.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.ClientClosedException;
import dev.gregor.Header;
import dev.gregor.KafkaException;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.producer.ClosedBeforeDelivery;
import dev.gregor.internal.producer.DeliveryTracker;
import dev.gregor.internal.producer.ProducerRouting;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerMetrics;
import dev.gregor.producer.ProducerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gregor {@link Producer} on a {@code KafkaProducer}: Gregor checks each record and picks its partition, the
 * {@code KafkaProducer} batches and sends, and each acknowledgement becomes the same {@link DeliveryReport} (future,
 * report queue, sync mode) as with the native engine.
 */
public final class KafkaClientsProducer implements Producer {

    private static final Logger log = LoggerFactory.getLogger(KafkaClientsProducer.class);

    private final ClientContext context;
    private final String topic;
    private final ProducerConfig config;
    private final ProducerRouting routing;
    private final PartitionFill fill;
    private final DeliveryTracker tracker;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;
    /** The timeout of a {@code close} under way: after it, kafka-clients fails what is left with a bare KafkaException. */
    private volatile Duration closeTimeout;

    /** A producer for {@code topic} through the client of {@code context}. */
    public KafkaClientsProducer(ClientContext context, String topic, ProducerConfig config) {
        this.context = context;
        this.topic = topic;
        this.config = config;
        this.routing = new ProducerRouting(context, topic, config);
        this.fill = new PartitionFill(topic, config.partitioner(), routing.batchSize());
        this.tracker = new DeliveryTracker(config.maxQueuedRecords(), config.blockWhenFull(), config.maxBlock(),
                config.deliveryReports());
        this.producer = new KafkaProducer<>(KafkaClientsSettings.producer(context.settings(), topic, config,
                        routing.batchSize()),
                new ByteArraySerializer(), new ByteArraySerializer());
        context.adopt().accept(this);
        log.info("Producer for topic '{}' started on kafka-clients (acks={}, idempotence={}, compression={})", topic,
                config.acks(), config.idempotence(), config.compression());
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
            try {
                send(record).join();
            } catch (RuntimeException e) {
                throw Futures.rethrown(e);
            }
        } else {
            send(record);
        }
    }

    @Override
    public CompletableFuture<DeliveryReport> send(ProducerRecord record) {
        requireOpen();
        int size = routing.checkSize(record);
        int partition = routing.partitionOf(record);
        tracker.reserve(topic);
        CompletableFuture<DeliveryReport> future = new CompletableFuture<>();
        try {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, partition,
                    record.timestamp() >= 0 ? record.timestamp() : null, record.key(), record.value(), headers(record)),
                    (metadata, error) -> complete(record, partition, metadata, error, future));
            fill.sent(partition, size);
        } catch (RuntimeException e) {
            tracker.unreserve(1);
            throw KafkaClientsErrors.translate(topic, partition, e);
        }
        return future;
    }

    private void complete(ProducerRecord record, int partition, RecordMetadata metadata, Exception error,
                          CompletableFuture<DeliveryReport> future) {
        KafkaException failure = error == null ? null
                : closeTimeout != null && error.getClass() == org.apache.kafka.common.KafkaException.class
                ? ClosedBeforeDelivery.failure(topic, partition, closeTimeout, null)
                : KafkaClientsErrors.translate(topic, partition, error);
        DeliveryReport report = new DeliveryReport(record, topic, partition,
                failure == null && metadata.hasOffset() ? metadata.offset() : -1,
                failure == null && metadata.hasTimestamp() ? metadata.timestamp() : -1, Optional.ofNullable(failure));
        (failure == null ? delivered : failed).incrementAndGet();
        tracker.unreserve(1);
        tracker.report(report);
        if (failure == null) {
            future.complete(report);
        } else {
            future.completeExceptionally(failure);
        }
    }

    private static List<org.apache.kafka.common.header.Header> headers(ProducerRecord record) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>(record.headers().size());
        for (Header header : record.headers()) {
            headers.add(new RecordHeader(header.key(), header.value()));
        }
        return headers;
    }

    /** Counts delivered and failed records; kafka-clients does its batching out of sight, so those counts are -1. */
    @Override
    public ProducerMetrics metrics() {
        return new ProducerMetrics(delivered.get(), failed.get(), -1, -1);
    }

    @Override
    public DeliveryReport deliveryReport(Duration timeout) {
        return tracker.nextReport(timeout);
    }

    @Override
    public void flush() {
        requireOpen();
        producer.flush();
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
        closeTimeout = timeout;
        producer.close(timeout);
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
        return "Producer[" + topic + ", kafka-clients]";
    }
}

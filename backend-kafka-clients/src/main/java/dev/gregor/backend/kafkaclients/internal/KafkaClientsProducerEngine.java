package dev.gregor.backend.kafkaclients.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.Header;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.RecordDelivery;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gregor producer engine on one {@code KafkaProducer} for every topic: Gregor's handles check each record and pick
 * its partition, the {@code KafkaProducer} batches and sends, and each acknowledgement goes back to the handle that
 * appended the record.
 */
public final class KafkaClientsProducerEngine implements ProducerEngine {

    private static final Logger log = LoggerFactory.getLogger(KafkaClientsProducerEngine.class);
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final String name;
    private final ClientContext context;
    private final KafkaProducer<byte[], byte[]> producer;
    private final boolean idempotent;
    private final Map<String, PartitionFill> fills = new ConcurrentHashMap<>();
    /** Runs {@code KafkaProducer.flush()}, which blocks until every record is done, off the caller's thread. */
    private final ThreadPoolExecutor flusher;
    private final AtomicBoolean flushing = new AtomicBoolean();

    /** An engine producing through the client of {@code context} under {@code config}'s engine settings. */
    public KafkaClientsProducerEngine(ClientContext context, ProducerConfig config) {
        this.idempotent = config.idempotence();
        this.context = context;
        this.name = "kafka-clients-" + STARTED.incrementAndGet();
        this.producer = new KafkaProducer<>(KafkaClientsSettings.producer(context.settings(), name, config),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.flusher = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "gregor-flush-" + name);
            thread.setDaemon(true);
            return thread;
        });
        log.info("Producer engine {} started (acks={}, idempotence={}, compression={})", name, config.acks(),
                config.idempotence(), config.compression());
    }

    @Override
    public boolean append(TopicPartition partition, ProducerRecord record, int recordBytes, int batchBytes,
                          RecordDelivery delivery) {
        try {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(partition.topic(),
                            partition.partition(), record.timestamp() >= 0 ? record.timestamp() : null, record.key(),
                            record.value(), headers(record)),
                    (metadata, error) -> complete(partition, metadata, error, delivery));
        } catch (RuntimeException e) {
            throw KafkaClientsErrors.translate(partition.topic(), partition.partition(), e);
        }
        return fills.computeIfAbsent(partition.topic(), topic -> new PartitionFill(batchBytes))
                .sent(partition.partition(), recordBytes);
    }

    private void complete(TopicPartition partition, RecordMetadata metadata, Exception error,
                          RecordDelivery delivery) {
        if (error != null) {
            delivery.failed(KafkaClientsErrors.translate(partition.topic(), partition.partition(), error));
        } else {
            // Per record: kafka-clients reports its batches to nobody.
            context.countDelivered(1);
            delivery.delivered(metadata.hasOffset() ? metadata.offset() : -1,
                    metadata.hasTimestamp() ? metadata.timestamp() : -1);
        }
    }

    private static List<org.apache.kafka.common.header.Header> headers(ProducerRecord record) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>(record.headers().size());
        for (Header header : record.headers()) {
            headers.add(new RecordHeader(header.key(), header.value()));
        }
        return headers;
    }

    /**
     * Has {@code KafkaProducer.flush()} run on the engine's flushing thread (while it runs, kafka-clients sends
     * every batch at once, new ones too); the handle waits for its own records only.
     */
    /**
     * With idempotence only: without it, a {@code KafkaProducer} with several requests in flight may write (and
     * acknowledge) a retried batch after a later one.
     */
    @Override
    public boolean endsInOrder() {
        return idempotent;
    }

    @Override
    public void sendNow(CompletableFuture<?> until) {
        if (flushing.compareAndSet(false, true)) {
            flusher.execute(() -> {
                try {
                    producer.flush();
                } finally {
                    flushing.set(false);
                }
            });
        }
    }

    /** kafka-clients does its batching out of sight. */
    @Override
    public long batchesSent() {
        return -1;
    }

    /** kafka-clients does its batching out of sight. */
    @Override
    public long requestsSent() {
        return -1;
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
        flusher.shutdown();
        log.info("Producer engine {} closed", name);
    }

    @Override
    public String toString() {
        return "ProducerEngine[" + name + "]";
    }
}

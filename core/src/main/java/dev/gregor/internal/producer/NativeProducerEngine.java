package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.DeliveryException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.EngineTransactions;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.RecordDelivery;
import dev.gregor.internal.protocol.record.CompressionCodec;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gregor's own producer engine: records appended in the callers' threads to one accumulator of per-partition batches
 * across every topic, sent by one {@link Sender} thread under one producer identity.
 */
public final class NativeProducerEngine implements ProducerEngine {

    private static final Logger log = LoggerFactory.getLogger(NativeProducerEngine.class);
    /** How long close waits for the sender's thread to fail what is left after the close timeout. */
    private static final Duration ABANDON_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final String name;
    private final RecordAccumulator accumulator;
    private final Sender sender;
    private final ProducerCounters counters;
    private final NativeTransactions transactions;

    /** An engine producing through the client of {@code context} under {@code config}; its thread starts at once. */
    public NativeProducerEngine(ClientContext context, ProducerConfig config) {
        this.counters = new ProducerCounters(context.counters());
        this.name = "gregor-producer-" + STARTED.incrementAndGet();
        CompressionCodec codec = CompressionCodec.valueOf(config.compression().name());
        // A transactional id implies idempotence (ProducerConfig checks it), so a transactional engine has an identity.
        ProducerIdentity identity = config.idempotence() ? new ProducerIdentity(context.metadata()) : null;
        this.transactions = config.transactionalId().isEmpty() ? null
                : new NativeTransactions(config, context.metadata(), context.connections(), identity);
        this.accumulator = new RecordAccumulator(context.allocator(), codec, config.linger().toNanos(),
                config.deliveryTimeout().toNanos(), transactions != null,
                transactions != null ? transactions : ProducerBatch.BatchOutcomes.NONE);
        this.sender = new Sender(name, config, accumulator, context.metadata(), context.connections(),
                context.requestTimeout(), counters, identity, transactions);
        if (transactions != null) {
            transactions.attach(sender);
        }
        sender.start();
        log.info("Producer engine {} started (acks={}, idempotence={}, compression={})", name, config.acks(),
                config.idempotence(), config.compression());
    }

    @Override
    public boolean append(TopicPartition partition, ProducerRecord record, int recordBytes, int batchBytes,
                          RecordDelivery delivery) {
        if (transactions != null) {
            transactions.appended();
        }
        long timestamp = record.timestamp() >= 0 ? record.timestamp() : System.currentTimeMillis();
        RecordAccumulator.Appended appended = accumulator.append(partition, record, recordBytes, timestamp, batchBytes, delivery);
        if (appended != RecordAccumulator.Appended.JOINED) {
            sender.wakeup();
        }
        return appended == RecordAccumulator.Appended.FILLED;
    }

    /** Always: one batch of a partition is in flight at a time, and batches expire and fail oldest first. */
    @Override
    public boolean endsInOrder() {
        return true;
    }

    @Override
    public Optional<EngineTransactions> transactions() {
        return Optional.ofNullable(transactions);
    }

    @Override
    public void sendNow(CompletableFuture<?> until) {
        sender.beginFlush();
        until.whenComplete((ignored, failure) -> sender.endFlush());
    }

    @Override
    public long batchesSent() {
        return counters.batchesSent();
    }

    @Override
    public long requestsSent() {
        return counters.requestsSent();
    }

    @Override
    public void close(Duration timeout) {
        if (transactions != null) {
            abortOpenTransaction(timeout);
        }
        sender.shutdown();
        try {
            if (!sender.awaitStopped(timeout)) {
                sender.abandon(batch -> new DeliveryException(batch.partition().topic(), batch.partition().partition(),
                        "the producer engine stopped before the broker acknowledged it", batch.lastError().orElse(null)));
                if (!sender.awaitStopped(ABANDON_TIMEOUT)) {
                    log.warn("Producer engine {} could not fail its undelivered records within {} ms: its thread is"
                            + " busy, perhaps in a callback that blocks", name, ABANDON_TIMEOUT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Producer engine {} closed", name);
    }

    /** A transaction still open as the engine closes is aborted, as far as the time allows; then calls end. */
    private void abortOpenTransaction(Duration timeout) {
        try {
            if (transactions.isOpen()) {
                transactions.abort(timeout.isZero() ? Duration.ofSeconds(1) : timeout);
            }
        } catch (RuntimeException e) {
            log.warn("Producer engine {} could not abort its open transaction as it closed (the coordinator aborts"
                    + " it after transactionTimeout, or the next producer with the id does): {}", name, e.getMessage());
        } finally {
            transactions.close();
        }
    }

    @Override
    public String toString() {
        return "ProducerEngine[" + name + "]";
    }
}

package dev.gregor.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.gregor.ClientClosedException;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.RebalanceListener;
import dev.gregor.producer.Acks;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;

/**
 * A member of a managed (Kafka-coordinated) balanced group in this JVM, on a client and thread of its own, for chaos
 * tests that need no SIGKILL: one stage of a pipeline. It reads its share of the input topic and, when it has an
 * output topic, writes each record on (the same value, so the same {@link RecordId}, to the same partition) with an
 * idempotent {@code acks=all} producer. It commits what it consumed at most every {@code commitEvery}, and only once
 * the output acknowledged every record consumed before, so its commits never run ahead of what is safely written
 * on. When partitions are revoked, Gregor has already committed what was consumed; the listener then holds up the
 * rejoin until the records handed to the producer are acknowledged, so the next owner's writes to a partition come
 * after this member's. Reports what it was handed, committed and owned as a {@link MemberReport}.
 */
public final class RelayMember implements AutoCloseable {

    private static final int BATCH = 500;

    private final MemberReport report;
    private final KafkaClient client;
    private final Producer producer;
    private final BalancedConsumer consumer;
    private final Duration commitEvery;
    private final Object handOff = new Object();
    private final CommitConfirmations confirmations = new CommitConfirmations();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean closed;

    private RelayMember(String name, String bootstrapServers, String input, String output, ConsumerConfig config,
                        Duration commitEvery) {
        this.report = new MemberReport(name);
        this.commitEvery = commitEvery;
        this.client = KafkaClient.connect(bootstrapServers);
        this.producer = output == null ? null : client.topic(output).producer(ProducerConfig.builder()
                .acks(Acks.ALL).idempotence(true).linger(Duration.ofMillis(5))
                .deliveryTimeout(Duration.ofMinutes(2)).build());
        this.consumer = client.topic(input).balancedConsumer(config.toBuilder().managed(true).autoCommit(false)
                .rebalanceListener(new RebalanceListener() {
                    @Override
                    public void partitionsRevoked(Set<Integer> partitions) {
                        report(MemberReport.ownership(System.currentTimeMillis(), false, partitions));
                        awaitWritesHandedOver();
                    }

                    @Override
                    public void partitionsAssigned(Set<Integer> partitions) {
                        report(MemberReport.ownership(System.currentTimeMillis(), true, partitions));
                    }
                }).build());
        report(MemberReport.started(System.currentTimeMillis(), consumer.memberId()));
        this.thread = new Thread(this::run, "relay-member-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts member {@code name} of {@code config}'s group on {@code input}, writing on to {@code output} (or, when
     * null, the last stage: only consuming and committing).
     */
    public static RelayMember start(String name, String bootstrapServers, String input, String output,
                                    ConsumerConfig config, Duration commitEvery) {
        RelayMember member = new RelayMember(name, bootstrapServers, input, output, config, commitEvery);
        member.thread.start();
        return member;
    }

    private void run() {
        long nextCommit = System.nanoTime() + commitEvery.toNanos();
        try {
            while (running) {
                List<CompletableFuture<DeliveryReport>> writes = consumeAndWriteOn();
                if (!awaitAcknowledged(writes)) {
                    return;
                }
                if (System.nanoTime() - nextCommit >= 0) {
                    commit();
                    nextCommit = System.nanoTime() + commitEvery.toNanos();
                }
            }
        } catch (ClientClosedException closed) {
            // close() ended the loop
        }
    }

    /** Takes a batch of records and hands each to the producer, under the lock a revocation waits for. */
    private List<CompletableFuture<DeliveryReport>> consumeAndWriteOn() {
        List<CompletableFuture<DeliveryReport>> writes = new ArrayList<>();
        synchronized (handOff) {
            for (int taken = 0; taken < BATCH && running; taken++) {
                Message message;
                try {
                    message = consumer.consume(Duration.ofMillis(taken == 0 ? 100 : 5));
                } catch (ClientClosedException closed) {
                    throw closed;
                } catch (KafkaException e) {
                    error("consume: " + e.getMessage());
                    break;
                }
                if (message == null) {
                    break;
                }
                report(MemberReport.consumed(System.currentTimeMillis(), message.partitionId(), message.offset(),
                        RecordId.decode(message.value())));
                if (producer != null) {
                    writes.add(producer.send(ProducerRecord.of(message.value()).withPartition(message.partitionId())));
                }
            }
        }
        return writes;
    }

    /** Whether every write was acknowledged; a failed write stops the member, as committing past it would lose it. */
    private boolean awaitAcknowledged(List<CompletableFuture<DeliveryReport>> writes) {
        for (CompletableFuture<DeliveryReport> write : writes) {
            try {
                write.join();
            } catch (CompletionException e) {
                failedWrites.incrementAndGet();
                error("write on: " + (e.getCause() == null ? e : e.getCause()).getMessage());
            }
        }
        if (failedWrites.get() > 0) {
            running = false;
            return false;
        }
        return true;
    }

    /** Commits what was consumed (all of it acknowledged by now), reporting it ({@link CommitConfirmations}). */
    private CompletableFuture<Void> commit() {
        return confirmations.commitAndReport(consumer, this::report);
    }

    private void awaitWritesHandedOver() {
        if (producer == null) {
            return;
        }
        synchronized (handOff) {
            producer.flush();
        }
    }

    private void error(String message) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, message);
    }

    private void report(String line) {
        report.accept(line);
    }

    /** What the member reported so far. */
    public MemberReport report() {
        return report;
    }

    /** Writes on that the output topic failed (the member stops at the first). */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Errors the member met (failed consumes and writes), and the first one's message, or null. */
    public String errors() {
        return errors.get() + (firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
    }

    /** Whether the member met no error. */
    public boolean errorFree() {
        return errors.get() == 0;
    }

    /**
     * Stops the loop, waits for the last writes, commits what was consumed (reported when confirmed), then leaves
     * the group and closes the client. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        consumer.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (producer != null) {
                producer.flush();
            }
            if (failedWrites.get() == 0) {
                commit().join();
            }
        } catch (KafkaException | CompletionException e) {
            error("final commit: " + e.getMessage());
        } finally {
            consumer.close();
            if (producer != null) {
                producer.close();
            }
            client.close();
        }
    }
}

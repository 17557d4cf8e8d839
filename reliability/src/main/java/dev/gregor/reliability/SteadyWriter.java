package dev.gregor.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.Topic;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;

/**
 * The load of a consumer chaos test: writes records with unique ids ({@link RecordId}) at a steady rate, spread
 * evenly over the topic's partitions, with an idempotent {@code acks=all} Gregor producer, on a thread of its own
 * until {@link #close()}. What was acknowledged is in {@link #acknowledgements()}.
 */
public final class SteadyWriter implements AutoCloseable {

    private final Producer producer;
    private final int partitions;
    private final long writer;
    private final int perSecond;
    private final AtomicLong sent = new AtomicLong();
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final Thread thread;
    private volatile boolean running = true;

    private SteadyWriter(Topic topic, long writer, int perSecond) {
        this.producer = topic.producer(ProducerConfig.builder().acks(Acks.ALL).idempotence(true)
                .linger(Duration.ofMillis(5)).deliveryTimeout(Duration.ofMinutes(2)).build());
        this.partitions = topic.partitions().size();
        this.writer = writer;
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "steady-writer-" + writer);
        this.thread.setDaemon(true);
    }

    /** Starts writing {@code perSecond} records a second to {@code topic} as writer {@code writer}. */
    public static SteadyWriter start(Topic topic, long writer, int perSecond) {
        SteadyWriter steady = new SteadyWriter(topic, writer, perSecond);
        steady.thread.start();
        return steady;
    }

    private void run() {
        Pacer pacer = new Pacer(perSecond);
        while (running) {
            pacer.awaitTurn();
            long sequence = sent.getAndIncrement();
            RecordId id = new RecordId(writer, sequence);
            producer.send(ProducerRecord.of(id.encode(0)).withPartition((int) (sequence % partitions)))
                    .whenComplete((report, failure) -> {
                        if (failure == null) {
                            acknowledgements.acknowledged(id, report.partition(), report.offset());
                        } else {
                            acknowledgements.failed();
                        }
                    });
        }
    }

    /** How many records were handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    /** What the producer was told. */
    public Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** Stops writing, then flushes and closes the producer (every record sent is acknowledged or failed). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}

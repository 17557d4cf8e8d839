package dev.gregor.reliability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerRecord;

/**
 * Sends chaos records through a Gregor {@link Producer} and keeps, per record, what became of it: when it was sent,
 * when its future completed, and whether it was acknowledged (into {@link Acknowledgements}) or failed (with the
 * error's message, counted by message). Safe for one sending thread and any number of completing threads.
 */
public final class SendOutcomes {

    /**
     * What became of one send, on the monotonic clock.
     *
     * @param sentNanos      when {@code send} was called
     * @param completedNanos when its future completed
     * @param acknowledged   whether it was acknowledged (else it failed)
     */
    public record Outcome(long sentNanos, long completedNanos, boolean acknowledged) {

        /** How long the send took to complete, in milliseconds. */
        public long millis() {
            return (completedNanos - sentNanos) / 1_000_000;
        }
    }

    private final Producer producer;
    private final long writer;
    private final int padding;
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final Map<RecordId, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Long> failureMessages = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();

    /** Sends through {@code producer} as writer {@code writer}, each value padded by {@code padding} bytes. */
    public SendOutcomes(Producer producer, long writer, int padding) {
        this.producer = producer;
        this.writer = writer;
        this.padding = padding;
    }

    /** Sends the writer's next record to {@code partition} and returns its id. */
    public RecordId send(int partition) {
        RecordId id = new RecordId(writer, sent.getAndIncrement());
        long sentNanos = System.nanoTime();
        CompletableFuture<DeliveryReport> future =
                producer.send(ProducerRecord.of(id.encode(padding)).withPartition(partition));
        future.whenComplete((report, error) -> {
            long completed = System.nanoTime();
            if (error == null) {
                acknowledgements.acknowledged(id, report.partition(), report.offset());
            } else {
                acknowledgements.failed();
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                failureMessages.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1L, Long::sum);
            }
            outcomes.put(id, new Outcome(sentNanos, completed, error == null));
        });
        return id;
    }

    /** How many records were sent. */
    public long sentCount() {
        return sent.get();
    }

    /** How many sends have not completed yet. */
    public long pendingCount() {
        return sent.get() - outcomes.size();
    }

    /** What the producer acknowledged. */
    public Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** The completed sends by record id. */
    public Map<RecordId, Outcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** The failed sends' error messages (exception class: message), each with how many sends failed with it. */
    public Map<String, Long> failureMessages() {
        return new TreeMap<>(failureMessages);
    }

    /** The longest time from send to completion (acknowledged or failed) so far, in milliseconds. */
    public long longestCompletionMillis() {
        return outcomes.values().stream().mapToLong(Outcome::millis).max().orElse(0);
    }
}

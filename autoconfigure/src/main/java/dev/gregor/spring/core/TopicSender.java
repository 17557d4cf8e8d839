package dev.gregor.spring.core;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import dev.gregor.ClientClosedException;
import dev.gregor.DeliveryException;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Sends a {@link TopicTemplate}'s records to one topic through the template's one producer for all topics, without
 * blocking the caller. The topic lookup runs on the given executor, and so does the producer's first send to the
 * topic (which reads the topic's limits); records sent meanwhile wait here, at most {@code maxPending} of them, and
 * go to the producer in the order they were sent once the topic is known. If the lookup fails, every waiting record
 * fails with its error and the next send tries again.
 */
final class TopicSender {

    private final String topic;
    private final int maxPending;
    /** Looks the topic up, blocking, and returns the producer to send through. */
    private final Supplier<Producer> lookUp;
    private final Executor executor;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private volatile @Nullable Producer producer;
    private boolean lookingUp;
    private boolean closed;
    private CompletableFuture<Void> lookupSettled = CompletableFuture.completedFuture(null);

    TopicSender(String topic, int maxPending, Supplier<Producer> lookUp, Executor executor) {
        this.topic = topic;
        this.maxPending = maxPending;
        this.lookUp = lookUp;
        this.executor = executor;
    }

    /** Hands {@code record} to the producer, or queues it while the topic is looked up. */
    CompletableFuture<DeliveryReport> send(ProducerRecord record) {
        Producer ready = producer;
        if (ready != null) {
            return sendTo(ready, record);
        }
        synchronized (this) {
            ready = producer;
            if (ready != null) {
                return sendTo(ready, record);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new ClientClosedException("TopicTemplate"));
            }
            if (waiting.size() >= maxPending) {
                return CompletableFuture.failedFuture(new DeliveryException(topic, -1, maxPending
                        + " records already wait for the topic to be looked up (are the brokers reachable?); refusing"
                        + " more rather than holding them in memory. The limit is the producer's maxQueuedRecords"
                        + " (gregor.producer.max-queued-records).", null));
            }
            CompletableFuture<DeliveryReport> result = new CompletableFuture<>();
            waiting.add(new Waiting(record, result));
            if (!lookingUp) {
                lookingUp = true;
                lookupSettled = new CompletableFuture<>();
                try {
                    CompletableFuture.supplyAsync(lookUp, executor).whenComplete(this::opened);
                } catch (RejectedExecutionException templateClosed) {
                    opened(null, new ClientClosedException("TopicTemplate"));
                }
            }
            return result;
        }
    }

    /** Waits for a lookup in progress to end, so that its records are with the producer. */
    void awaitLookup() {
        CompletableFuture<Void> settled;
        synchronized (this) {
            settled = lookupSettled;
        }
        settled.join();
    }

    /** Fails the records still waiting for the topic; the template closes the producer. */
    void close() {
        List<Waiting> refused;
        synchronized (this) {
            closed = true;
            refused = drain();
        }
        refused.forEach(each -> each.result.completeExceptionally(new ClientClosedException("TopicTemplate")));
    }

    private void opened(@Nullable Producer opened, @Nullable Throwable error) {
        List<Waiting> handed;
        List<CompletableFuture<DeliveryReport>> sent = new ArrayList<>();
        boolean closedMeanwhile;
        CompletableFuture<Void> settled;
        synchronized (this) {
            lookingUp = false;
            settled = lookupSettled;
            closedMeanwhile = closed;
            handed = drain();
            if (error == null && !closedMeanwhile) {
                for (Waiting each : handed) {
                    sent.add(sendTo(opened, each.record));
                }
                producer = opened;
            }
        }
        settled.complete(null);
        if (error != null) {
            Throwable cause = error instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : error;
            handed.forEach(each -> each.result.completeExceptionally(cause));
        } else if (closedMeanwhile) {
            handed.forEach(each -> each.result.completeExceptionally(new ClientClosedException("TopicTemplate")));
        } else {
            for (int i = 0; i < handed.size(); i++) {
                CompletableFuture<DeliveryReport> result = handed.get(i).result;
                sent.get(i).whenComplete((report, failure) -> {
                    if (failure == null) {
                        result.complete(report);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            }
        }
    }

    private List<Waiting> drain() {
        List<Waiting> drained = new ArrayList<>(waiting);
        waiting.clear();
        return drained;
    }

    private CompletableFuture<DeliveryReport> sendTo(Producer producer, ProducerRecord record) {
        try {
            return producer.send(topic, record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private record Waiting(ProducerRecord record, CompletableFuture<DeliveryReport> result) {
    }
}

package dev.gregor.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.gregor.ClientClosedException;
import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.OffsetReset;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a reply topic on a thread of its own and hands each reply to {@link PendingReplies} by its correlation id.
 * It reads every partition without a group, from the log end it found when it {@link #open opened}, so a reply to a
 * request sent after that is never missed, and replies meant for other templates (or too late) are dropped and logged
 * at DEBUG.
 */
final class ReplyReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReplyReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final MultiTopicConsumer consumer;
    private final PendingReplies pending;
    private final Thread thread;
    private volatile boolean closed;

    private ReplyReader(MultiTopicConsumer consumer, PendingReplies pending, String topic) {
        this.consumer = consumer;
        this.pending = pending;
        this.thread = new Thread(this, "gregor-replies-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Creates {@code topic} when missing (one partition, replicated up to 3 times), positions a consumer of all its
     * partitions at their ends, blocking until it is there, then starts reading.
     */
    static ReplyReader open(KafkaClient client, String topic, PendingReplies pending) {
        client.createTopicIfMissing(topic, 1, Math.min(3, client.brokers().size()));
        MultiTopicConsumer consumer = client.simpleConsumer(ConsumerConfig.builder()
                .autoOffsetReset(OffsetReset.LATEST).build(), List.of(topic));
        try {
            // The native consumer already starts at the ends it looks up while it opens; this pins them whatever the
            // backend, at the cost of one more lookup per template, so a reply is never written before the position.
            consumer.resetOffsets(OffsetReset.LATEST);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        ReplyReader reader = new ReplyReader(consumer, pending, topic);
        reader.thread.start();
        log.info("Reading replies from '{}' (every partition, from its end)", topic);
        return reader;
    }

    @Override
    public void run() {
        @Nullable String lastProblem = null;
        while (!closed) {
            Message reply;
            try {
                reply = consumer.consume(POLL);
                lastProblem = null;
            } catch (ClientClosedException e) {
                return;
            } catch (KafkaException e) {
                if (!e.getClass().getName().equals(lastProblem)) {
                    log.warn("Cannot read replies ({}); retrying every {} ms, logging repeats at DEBUG", e.getMessage(),
                            RETRY_BACKOFF.toMillis());
                } else {
                    log.debug("Still cannot read replies: {}", e.getMessage());
                }
                lastProblem = e.getClass().getName();
                LockSupport.parkNanos(RETRY_BACKOFF.toNanos());
                continue;
            }
            if (reply != null) {
                hand(reply);
            }
        }
    }

    private void hand(Message reply) {
        String correlationId = correlationId(reply);
        if (correlationId == null || !pending.complete(correlationId, reply)) {
            log.debug("Dropped the reply at offset {} of {}-{} (correlation id {}): no request of this template waits"
                    + " for it (it timed out, or another template sent it)", reply.offset(), reply.topic(),
                    reply.partitionId(), correlationId);
        }
    }

    private static @Nullable String correlationId(Message reply) {
        Header header = reply.header(ReplyHeaders.CORRELATION_ID);
        return header == null ? null : header.valueAsString();
    }

    /** Stops reading (a waiting poll ends within 200 ms) and waits for the thread, at most {@code timeout}. */
    void close(Duration timeout) {
        closed = true;
        consumer.close();
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.gregor.spring.core;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import dev.gregor.ClientClosedException;
import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Request/reply over Kafka: {@link #sendAndReceive} sends a request through the {@link TopicTemplate} (same
 * serialisation, same producer) with a fresh {@link ReplyHeaders#CORRELATION_ID} and this template's
 * {@link ReplyHeaders#REPLY_TOPIC}, and completes the returned future with the reply whose correlation id matches,
 * converted like a listener's value ({@code byte[]}, {@code String}, {@link Message}, or a JSON-mapped type). A
 * {@code @TopicListener} method that returns a value answers such requests.
 *
 * <p>The first request creates the reply topic when missing (one partition) and positions the template's reply
 * consumer at its end before anything is sent, on a background thread ({@code sendAndReceive} never blocks); that
 * consumer reads every partition without a group, so each instance of an application may share the topic (replies of
 * others are dropped, and logged at DEBUG), though a topic of its own per instance reads less. A request with no reply
 * within its timeout fails with a {@link dev.gregor.KafkaTimeoutException} naming the topics and the timeout; a reply
 * that comes later is dropped (DEBUG). Futures complete on the reply consumer's thread (or the timeout thread): keep
 * their callbacks quick and never wait there for another reply. {@link #destroy()} fails every pending request with a
 * {@link ClientClosedException}.
 */
public class RequestReplyTemplate implements DisposableBean {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final KafkaClient client;
    private final TopicTemplate template;
    private final ValueDeserializer deserializer;
    private final String replyTopic;
    private final Duration defaultTimeout;
    private final PendingReplies pending = new PendingReplies();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "gregor-reply-start");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable CompletableFuture<ReplyReader> reader;
    private boolean closed;

    /**
     * Requests through {@code template}, replies read with {@code client} from {@code replyTopic} and converted by
     * {@code deserializer}; a request without its own timeout waits at most {@code defaultTimeout}.
     */
    public RequestReplyTemplate(KafkaClient client, TopicTemplate template, ValueDeserializer deserializer,
                                String replyTopic, Duration defaultTimeout) {
        this.client = client;
        this.template = template;
        this.deserializer = deserializer;
        this.replyTopic = Objects.requireNonNull(replyTopic, "replyTopic");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    }

    /** The topic replies are read from. */
    public String replyTopic() {
        return replyTopic;
    }

    /** How long a request waits for its reply when {@code sendAndReceive} is given no timeout. */
    public Duration replyTimeout() {
        return defaultTimeout;
    }

    /** Sends {@code value} with {@code key} to {@code topic} and waits at most the default timeout for the reply. */
    public <R> CompletableFuture<R> sendAndReceive(String topic, @Nullable Object key, Object value, Class<R> replyType) {
        return sendAndReceive(topic, key, value, replyType, defaultTimeout);
    }

    /**
     * Sends {@code value} with {@code key} (null: none) to {@code topic}; the future completes with the reply as a
     * {@code replyType}, or fails: with the send's error, with a {@link dev.gregor.KafkaTimeoutException} after
     * {@code timeout}, with the conversion's error, or when the template closes.
     *
     * @throws IllegalStateException if {@code replyType} needs JSON and there is no JSON mapper
     */
    public <R> CompletableFuture<R> sendAndReceive(String topic, @Nullable Object key, Object value, Class<R> replyType,
                                                   Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timeout, "timeout");
        Function<Message, @Nullable Object> reader = deserializer.reader("The reply type of sendAndReceive", replyType,
                replyType);
        String correlationId = UUID.randomUUID().toString();
        ProducerRecord request = ProducerRecord.of(template.serializer().serialize(value))
                .withHeader(Header.of(ReplyHeaders.CORRELATION_ID, correlationId))
                .withHeader(Header.of(ReplyHeaders.REPLY_TOPIC, replyTopic));
        if (key != null) {
            request = request.withKey(template.serializer().serialize(key));
        }
        CompletableFuture<R> reply = pending.register(correlationId, topic, replyTopic, timeout, reader, replyType);
        ProducerRecord sent = request;
        readerStarted().thenCompose(started -> template.send(topic, sent)).whenComplete((report, error) -> {
            if (error != null) {
                pending.fail(correlationId, error instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : error);
            }
        });
        return reply;
    }

    /** The reply consumer, positioned at the reply topic's end: opened by the first request, again after a failure. */
    private synchronized CompletableFuture<ReplyReader> readerStarted() {
        if (closed) {
            return CompletableFuture.failedFuture(new ClientClosedException("RequestReplyTemplate"));
        }
        if (reader == null || reader.isCompletedExceptionally()) {
            try {
                reader = CompletableFuture.supplyAsync(() -> ReplyReader.open(client, replyTopic, pending), starter);
            } catch (RejectedExecutionException closing) {
                return CompletableFuture.failedFuture(new ClientClosedException("RequestReplyTemplate"));
            }
        }
        return reader;
    }

    /** Fails every pending request, then stops the reply consumer. */
    @Override
    public void destroy() {
        CompletableFuture<ReplyReader> started;
        synchronized (this) {
            closed = true;
            started = reader;
        }
        pending.close();
        starter.shutdown();
        if (started != null) {
            started.thenAccept(opened -> opened.close(CLOSE_WAIT));
        }
    }
}

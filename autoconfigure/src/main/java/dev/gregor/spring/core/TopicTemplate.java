package dev.gregor.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.gregor.ClientClosedException;
import dev.gregor.KafkaClient;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends records to topics from Spring beans: values as {@code byte[]}, {@code String} or JSON, delivery reported
 * through the returned future and to every {@link DeliveryListener}. {@code send} never waits for Kafka: the first
 * send to a topic looks the topic up on a background thread, and records sent meanwhile wait, in order, up to the
 * producer's {@code maxQueuedRecords}. Kafka problems (a missing topic, unreachable brokers, a refused record) never
 * throw from {@code send}: they complete the future exceptionally; a null topic or value, or a value that cannot be
 * serialized, does throw. One batched producer for every topic ({@code client.producer()}), flushed and closed with
 * the template: closing waits at most its close timeout for what the producer holds, then fails the records still
 * undelivered.
 */
public class TopicTemplate implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicTemplate.class);

    private final KafkaClient client;
    private final ProducerConfig producerConfig;
    private final ValueSerializer serializer;
    private final List<DeliveryListener> listeners;
    private final Duration syncTimeout;
    private final Duration closeTimeout;
    private final @Nullable SendObserver sendObserver;
    private final Map<String, TopicSender> senders = new ConcurrentHashMap<>();
    private @Nullable Producer producer;
    private boolean destroyed;
    private final ExecutorService lookups = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gregor-template-lookup");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A template producing through {@code client} with {@code producerConfig}; {@code sendSync} waits at most
     * {@code syncTimeout}, and {@link #destroy()} at most {@code closeTimeout} for the producer.
     */
    public TopicTemplate(KafkaClient client, ProducerConfig producerConfig, ValueSerializer serializer,
                         List<DeliveryListener> listeners, Duration syncTimeout, Duration closeTimeout) {
        this(client, producerConfig, serializer, listeners, syncTimeout, closeTimeout, null);
    }

    /** As the constructor above, every send seen by {@code sendObserver} (null: none). */
    public TopicTemplate(KafkaClient client, ProducerConfig producerConfig, ValueSerializer serializer,
                         List<DeliveryListener> listeners, Duration syncTimeout, Duration closeTimeout,
                         @Nullable SendObserver sendObserver) {
        this.sendObserver = sendObserver;
        this.client = client;
        this.producerConfig = producerConfig;
        this.serializer = serializer;
        this.listeners = List.copyOf(listeners);
        this.syncTimeout = syncTimeout;
        this.closeTimeout = closeTimeout;
    }

    /** The configuration of the template's producer. */
    public ProducerConfig producerConfig() {
        return producerConfig;
    }

    /** How values and keys become bytes in {@link #send(String, Object, Object)}. */
    public ValueSerializer serializer() {
        return serializer;
    }

    /** How long {@link #destroy()} waits for the producer to deliver what it holds. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Sends {@code value} to {@code topic}; the partitioner picks the partition. */
    public CompletableFuture<DeliveryReport> send(String topic, Object value) {
        return send(topic, null, value);
    }

    /** Sends {@code value} with {@code key} (which chooses the partition) to {@code topic}. */
    public CompletableFuture<DeliveryReport> send(String topic, @Nullable Object key, Object value) {
        Objects.requireNonNull(value, "value");
        ProducerRecord record = ProducerRecord.of(serializer.serialize(value));
        return send(topic, key == null ? record : record.withKey(serializer.serialize(key)));
    }

    /** Sends a fully built record (headers, timestamp, partition) to {@code topic}. */
    public CompletableFuture<DeliveryReport> send(String topic, ProducerRecord record) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(record, "record");
        if (sendObserver == null) {
            return sender(topic).send(record).whenComplete((report, error) -> notifyListeners(topic, report, error));
        }
        SendObserver.ObservedSend observed = sendObserver.start(topic, record);
        CompletableFuture<DeliveryReport> sent;
        try {
            sent = sender(topic).send(observed.record());
        } catch (RuntimeException refused) {
            observed.finished(null, refused);
            throw refused;
        }
        return sent.whenComplete((report, error) -> {
            observed.finished(report, error);
            notifyListeners(topic, report, error);
        });
    }

    /** Sends and waits for delivery, at most the api timeout; throws the delivery error if there was one. */
    public DeliveryReport sendSync(String topic, @Nullable Object key, Object value) {
        try {
            return send(topic, key, value).get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Sending to '" + topic + "' took longer than " + syncTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to '" + topic + "'", e);
        }
    }

    /** Sends {@code value} and waits for delivery. */
    public DeliveryReport sendSync(String topic, Object value) {
        return sendSync(topic, null, value);
    }

    /** Waits until every record sent so far is delivered or failed. */
    public void flush() {
        senders.values().forEach(TopicSender::awaitLookup);
        Producer opened = openedProducer();
        if (opened != null) {
            opened.flush();
        }
    }

    private TopicSender sender(String topic) {
        return senders.computeIfAbsent(topic, name -> new TopicSender(name, producerConfig.maxQueuedRecords(),
                () -> {
                    client.topic(name);
                    return producer();
                }, lookups));
    }

    /** The template's producer for every topic, made on first use. */
    private synchronized Producer producer() {
        if (destroyed) {
            throw new ClientClosedException("TopicTemplate");
        }
        if (producer == null) {
            producer = client.producer(producerConfig);
        }
        return producer;
    }

    private synchronized @Nullable Producer openedProducer() {
        return producer;
    }

    private void notifyListeners(String topic, @Nullable DeliveryReport report, @Nullable Throwable error) {
        for (DeliveryListener listener : listeners) {
            try {
                if (error == null && report != null) {
                    listener.delivered(report);
                } else {
                    listener.failed(topic, error instanceof CompletionException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause() : error);
                }
            } catch (RuntimeException e) {
                log.warn("DeliveryListener {} threw on a record for '{}'; ignored, the send's outcome stands", listener,
                        topic, e);
            }
        }
    }

    /**
     * Fails the records still waiting for their topic, then flushes and closes the producer, waiting at most the
     * close timeout: records not delivered by then fail with a {@link dev.gregor.DeliveryException}.
     */
    @Override
    public void destroy() {
        Producer opened;
        synchronized (this) {
            destroyed = true;
            opened = producer;
        }
        try {
            senders.values().forEach(TopicSender::close);
            if (opened != null) {
                opened.close(closeTimeout);
            }
        } finally {
            senders.clear();
            lookups.shutdownNow();
        }
    }
}

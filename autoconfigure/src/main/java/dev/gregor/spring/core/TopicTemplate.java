package dev.gregor.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.gregor.KafkaClient;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends records to topics from Spring beans: values as {@code byte[]}, {@code String} or JSON, delivery reported
 * through the returned future and to every {@link DeliveryListener}. {@code send} never blocks on Kafka and never
 * throws for delivery problems (they complete the future exceptionally); a missing topic or value does throw.
 * One batched producer per topic, flushed and closed with the template.
 */
public class TopicTemplate implements DisposableBean {

    private final KafkaClient client;
    private final ProducerConfig producerConfig;
    private final ValueSerializer serializer;
    private final List<DeliveryListener> listeners;
    private final Duration syncTimeout;
    private final Map<String, Producer> producers = new ConcurrentHashMap<>();

    /** A template producing through {@code client} with {@code producerConfig}. */
    public TopicTemplate(KafkaClient client, ProducerConfig producerConfig, ValueSerializer serializer,
                         List<DeliveryListener> listeners, Duration syncTimeout) {
        this.client = client;
        this.producerConfig = producerConfig;
        this.serializer = serializer;
        this.listeners = List.copyOf(listeners);
        this.syncTimeout = syncTimeout;
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
        CompletableFuture<DeliveryReport> sent;
        try {
            sent = producer(topic).send(record);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((report, error) -> notifyListeners(topic, report, error));
    }

    /** Sends and waits for delivery; throws the delivery error if there was one. */
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
        producers.values().forEach(Producer::flush);
    }

    private Producer producer(String topic) {
        return producers.computeIfAbsent(topic, name -> client.topic(name).producer(producerConfig));
    }

    private void notifyListeners(String topic, @Nullable DeliveryReport report, @Nullable Throwable error) {
        for (DeliveryListener listener : listeners) {
            if (error == null && report != null) {
                listener.delivered(report);
            } else {
                listener.failed(topic, error instanceof java.util.concurrent.CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : error);
            }
        }
    }

    /** Flushes and closes every producer. */
    @Override
    public void destroy() {
        producers.values().forEach(Producer::close);
        producers.clear();
    }
}

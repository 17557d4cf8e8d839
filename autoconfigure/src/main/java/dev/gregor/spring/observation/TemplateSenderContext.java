package dev.gregor.spring.observation;

import java.util.ArrayList;
import java.util.List;

import dev.gregor.Header;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.ProducerRecord;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of one {@code TopicTemplate} send: the topic and record, the headers a propagator
 * injects (a W3C {@code traceparent}, say), and the delivery report once the broker acknowledged.
 */
public final class TemplateSenderContext extends SenderContext<List<Header>> {

    private final String topic;
    private final ProducerRecord record;
    private @Nullable DeliveryReport report;

    /** The context of sending {@code record} to {@code topic}. */
    public TemplateSenderContext(String topic, ProducerRecord record) {
        super((headers, key, value) -> {
            if (headers != null) {
                headers.add(Header.of(key, value));
            }
        }, Kind.PRODUCER);
        this.topic = topic;
        this.record = record;
        setCarrier(new ArrayList<>());
        setRemoteServiceName("kafka");
    }

    /** The topic sent to. */
    public String topic() {
        return topic;
    }

    /** The record as the application gave it. */
    public ProducerRecord record() {
        return record;
    }

    /** The record to send: the application's, a header it had of a name injected replaced by the injected one. */
    public ProducerRecord recordWithInjectedHeaders() {
        List<Header> injected = getCarrier();
        if (injected == null || injected.isEmpty()) {
            return record;
        }
        List<Header> headers = new ArrayList<>(record.headers().size() + injected.size());
        for (Header header : record.headers()) {
            if (injected.stream().noneMatch(added -> added.key().equals(header.key()))) {
                headers.add(header);
            }
        }
        headers.addAll(injected);
        return new ProducerRecord(record.value(), record.key(), headers, record.timestamp(), record.partition());
    }

    /** Where the record landed, once delivered; null before, and when it failed. */
    public @Nullable DeliveryReport report() {
        return report;
    }

    void delivered(@Nullable DeliveryReport delivered) {
        this.report = delivered;
    }
}

package dev.gregor.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.Message;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.spring.core.DeliveryListener;
import dev.gregor.spring.listener.ListenerContainer;
import dev.gregor.spring.listener.RecordObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Gregor's Micrometer meters: {@code gregor.producer.records} (tags topic, result sent|failed),
 * {@code gregor.producer.latency} (send to acknowledgement, tag topic), {@code gregor.consumer.records} (tags
 * listener, topic, group, result processed|dead-lettered) and {@code gregor.consumer.lag} (records behind, tags
 * listener, container, topic, group). Low-cardinality tags only.
 */
public final class GregorMeters implements DeliveryListener, RecordObserver {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lagGauges = new ConcurrentHashMap<>();

    /** Meters registered in {@code registry}. */
    public GregorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void delivered(DeliveryReport report) {
        counter("gregor.producer.records", "topic", report.topic(), "result", "sent").increment();
        if (report.timestamp() > 0) {
            Timer.builder("gregor.producer.latency").tag("topic", report.topic()).register(registry)
                    .record(Math.max(0, System.currentTimeMillis() - report.timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void failed(String topic, Throwable error) {
        counter("gregor.producer.records", "topic", topic, "result", "failed").increment();
    }

    @Override
    public void processed(ListenerContainer container, Message message, boolean deadLettered) {
        String group = container.group().orElse("none");
        String topic = message.topic();
        counter("gregor.consumer.records", "listener", container.listenerId(), "topic", topic, "group", group,
                "result", deadLettered ? "dead-lettered" : "processed").increment();
        lagGauges.computeIfAbsent(container.id() + "/" + topic, key -> {
            Gauge.builder("gregor.consumer.lag", container, each -> lagOf(each, topic))
                    .tags("listener", container.listenerId(), "container", container.id(), "topic", topic,
                            "group", group)
                    .register(registry);
            return true;
        });
    }

    /** The records behind the end of {@code topic}'s partitions that {@code container} reads. */
    private static double lagOf(ListenerContainer container, String topic) {
        return container.lag().entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join(",", tags);
        return counters.computeIfAbsent(key, ignored -> Counter.builder(name).tags(tags).register(registry));
    }
}

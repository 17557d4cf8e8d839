package dev.gregor.benchmarks.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.spring.listener.TopicListener;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A Spring Boot application receiving a pre-filled topic as {@code String}s with default settings: Gregor's
 * {@code @TopicListener} (on either backend) or spring-kafka's {@code @KafkaListener} (the {@code kafka-clients} run),
 * one record per call or, for a {@link Scenario.Listening#BATCH} scenario, a {@code List<String>} per call (each
 * client's default batch bound: 500 records, {@code gregor.listener.max-batch-size} and {@code max.poll.records}).
 * For a scenario with keys and work per record, Gregor's listener is key-ordered ({@code concurrency = 4},
 * {@code parallelism = 256}) and spring-kafka's has one consumer thread per partition ({@code concurrency = 12}).
 * Measured from the first record received to the last, CPU included.
 */
public final class SpringListenerRun {

    private static final AtomicLong RECEIVED = new AtomicLong();
    private static volatile Measurement firstRecord;
    private static volatile Result result;
    private static volatile CountDownLatch done;
    private static volatile String client;
    private static volatile Scenario scenario;
    private static volatile long target;
    private static volatile long measured;

    private SpringListenerRun() {
    }

    /** Runs the application for {@code client} until it received the scenario's records. */
    public static Result run(String clientName, Scenario which, String bootstrap, String topic, double scale)
            throws InterruptedException {
        expect(clientName, which, scale);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("bench.topic", topic);
        properties.put("bench.group", "bench-" + clientName + "-" + System.nanoTime());
        boolean springKafka = clientName.equals(KafkaClientsDriver.NAME);
        if (springKafka) {
            properties.put("spring.kafka.bootstrap-servers", bootstrap);
            properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
            properties.put("spring.autoconfigure.exclude", String.join(",",
                    "dev.gregor.spring.autoconfigure.GregorEmbeddedClusterAutoConfiguration",
                    "dev.gregor.spring.autoconfigure.GregorAutoConfiguration",
                    "dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration"));
        } else {
            properties.put("gregor.bootstrap-servers", bootstrap);
            properties.put("gregor.embedded.enabled", "false");
            properties.put("gregor.consumer.backend", clientName.equals("gregor") ? "NATIVE" : "KAFKA_CLIENTS");
            properties.put("spring.autoconfigure.exclude", "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");
        }
        boolean keyed = which.keys() > 0;
        boolean batches = which.listening() == Scenario.Listening.BATCH;
        SpringApplication application = new SpringApplication(springKafka
                ? keyed ? KeyedKafkaListenerApp.class : batches ? KafkaBatchListenerApp.class : KafkaListenerApp.class
                : keyed ? KeyedTopicListenerApp.class : batches ? TopicBatchListenerApp.class : TopicListenerApp.class);
        application.setDefaultProperties(properties);
        try (ConfigurableApplicationContext context = application.run()) {
            return awaitResult();
        }
    }

    /** Sets the count up for a run of {@code clientName}: the scenario's records, and a tenth more first to warm up. */
    static void expect(String clientName, Scenario which, double scale) {
        client = clientName;
        scenario = which;
        measured = which.records(scale);
        target = measured + measured / 10;
        done = new CountDownLatch(1);
    }

    /** The result once every record expected was received (at most 10 minutes). */
    static Result awaitResult() throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(client + " received only " + RECEIVED.get() + " of " + target);
        }
        return result;
    }

    /** The scenario's blocking work for one record, if any. */
    static void work() throws InterruptedException {
        if (scenario.workMillis() > 0) {
            Thread.sleep(scenario.workMillis());
        }
    }

    /** Counts {@code values} received; the tenth of the records first received warm up and are not measured. */
    static void received(int values) {
        long count = RECEIVED.addAndGet(values);
        long warmedUp = target - measured;
        if (count >= warmedUp && count - values < warmedUp) {
            firstRecord = new Measurement();
        }
        if (count >= target && count - values < target) {
            result = firstRecord.finish(client, scenario, measured, -1, -1);
            done.countDown();
        }
    }

    /** Gregor's listener. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TopicListenerApp {

        @TopicListener(topics = "${bench.topic}", group = "${bench.group}")
        void onValue(String value) {
            received(1);
        }
    }

    /** Gregor's batch listener. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TopicBatchListenerApp {

        @TopicListener(topics = "${bench.topic}", group = "${bench.group}")
        void onValues(List<String> values) {
            received(values.size());
        }
    }

    /** spring-kafka's batch listener. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class KafkaBatchListenerApp {

        @KafkaListener(topics = "${bench.topic}", groupId = "${bench.group}", batch = "true")
        void onValues(List<String> values) {
            received(values.size());
        }
    }

    /** Gregor's key-ordered listener, for scenarios with keys and work per record. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class KeyedTopicListenerApp {

        @TopicListener(topics = "${bench.topic}", group = "${bench.group}", concurrency = "4",
                ordering = TopicListener.Ordering.KEY, parallelism = "256")
        void onValue(String value) throws InterruptedException {
            work();
            received(1);
        }
    }

    /** spring-kafka's listener, one consumer thread per partition, for scenarios with keys and work per record. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class KeyedKafkaListenerApp {

        @KafkaListener(topics = "${bench.topic}", groupId = "${bench.group}", concurrency = "12")
        void onValue(String value) throws InterruptedException {
            work();
            received(1);
        }
    }

    /** spring-kafka's listener. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class KafkaListenerApp {

        @KafkaListener(topics = "${bench.topic}", groupId = "${bench.group}")
        void onValue(String value) {
            received(1);
        }
    }
}

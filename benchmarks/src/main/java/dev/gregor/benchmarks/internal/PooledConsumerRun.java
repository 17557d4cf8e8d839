package dev.gregor.benchmarks.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.consumer.OffsetReset;

/**
 * The hand-made way to run a keyed listener scenario's work in parallel: one raw Gregor consumer handing each record
 * to a pool of {@value #THREADS} platform threads, at most that many in flight, with neither per-key order nor
 * commits. The bound a key-ordered {@code @TopicListener} with as many records in flight is measured against.
 */
final class PooledConsumerRun {

    /** The client's name in reports. */
    static final String NAME = "gregor-pool";

    private static final int THREADS = 1024;

    private PooledConsumerRun() {
    }

    /** Reads {@code topic} from the beginning until the scenario's records (and a tenth more to warm up) are done. */
    static Result run(Scenario scenario, String bootstrap, String topic, double scale) throws InterruptedException {
        SpringListenerRun.expect(NAME, scenario, scale);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Semaphore inFlight = new Semaphore(THREADS);
        Thread reader = new Thread(() -> {
            try (KafkaClient client = KafkaClient.connect(bootstrap);
                 MultiTopicConsumer consumer = client.simpleConsumer(ConsumerConfig.builder()
                         .autoOffsetReset(OffsetReset.EARLIEST).build(), List.of(topic))) {
                while (!Thread.currentThread().isInterrupted()) {
                    Message message = consumer.consume(Duration.ofMillis(500));
                    if (message == null) {
                        continue;
                    }
                    inFlight.acquire();
                    String value = new String(message.value(), StandardCharsets.UTF_8);
                    pool.execute(() -> {
                        try {
                            SpringListenerRun.work();
                            SpringListenerRun.received(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pooled-consumer");
        reader.start();
        try {
            return SpringListenerRun.awaitResult();
        } finally {
            reader.interrupt();
            pool.shutdownNow();
        }
    }
}

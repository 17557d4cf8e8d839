package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The soak run: produce and consume at a fixed rate for a long time (system property {@code gregor.chaos.soak}, an
 * ISO duration such as {@code PT30M}; {@code ./reliability/run --soak}) while one group member is replaced every
 * two minutes (a rebalance each time) and one broker is bounced every five: 0 records lost, no buffer leak reported
 * by Netty's paranoid leak detector, and heap, direct memory and threads flat after warm-up.
 */
@KafkaCluster(brokers = 3, isolated = true, brokerProperties = "min.insync.replicas=2")
@EnabledIfSystemProperty(named = "gregor.chaos.soak", matches = "PT.+")
class SoakTest {

    private static final LeakCounter LEAKS = LeakCounter.install();
    private static final String TOPIC = "soak";
    private static final String GROUP = "soak-group";
    private static final int RECORDS_PER_TICK = 20;
    private static final Duration TICK = Duration.ofMillis(10);
    private static final Duration MEMBER_ROTATION = Duration.ofMinutes(2);
    private static final Duration BROKER_BOUNCE = Duration.ofMinutes(5);

    private final SequenceTally acknowledged = new SequenceTally();
    private final SequenceTally consumed = new SequenceTally();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void produceConsumeAndRebalanceForLongLoseNothingAndLeakNothing(EmbeddedKafkaCluster cluster) throws Exception {
        Duration length = Duration.parse(System.getProperty("gregor.chaos.soak"));
        assertThat(LEAKS.watchesBuffers()).as("Netty made its buffer leak detector before the counter was installed:"
                + " run the soak test alone (./reliability/run --soak)").isTrue();
        int leaksBefore = leakOneBufferOnPurpose();

        cluster.createTopic(TOPIC, 6, 3);
        List<ResourceSample> samples = new ArrayList<>();
        ScheduledExecutorService chaos = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.topic(TOPIC);
            List<Thread> members = new ArrayList<>();
            try (Producer producer = topic.producer(ProducerConfig.builder().acks(Acks.ALL).idempotence(true)
                    .linger(Duration.ofMillis(5)).build())) {
                AtomicLong sequence = new AtomicLong();
                chaos.scheduleAtFixedRate(() -> produceTick(producer, sequence), 0, TICK.toMillis(),
                        TimeUnit.MILLISECONDS);
                members.add(member(topic, "steady-1"));
                members.add(member(topic, "steady-2"));
                members.add(rotatingMember(topic));
                AtomicLong bounces = new AtomicLong();
                chaos.scheduleWithFixedDelay(() -> bounce(cluster, bounces), BROKER_BOUNCE.toMillis(),
                        BROKER_BOUNCE.toMillis(), TimeUnit.MILLISECONDS);
                long sampleEvery = Math.max(5, length.toSeconds() / 60);
                while (System.nanoTime() - start < length.toNanos()) {
                    TimeUnit.SECONDS.sleep(sampleEvery); // the sampling period, not a wait for an event
                    samples.add(ResourceSample.take((System.nanoTime() - start) / 1_000_000_000L));
                    System.out.println("[soak] " + samples.get(samples.size() - 1) + ", acknowledged "
                            + acknowledged.records() + ", consumed " + consumed.records());
                }
                chaos.shutdownNow();
                chaos.awaitTermination(2, TimeUnit.MINUTES);
            }
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> acknowledged.countMissingFrom(consumed) == 0);
            running.set(false);
            for (Thread member : members) {
                member.join(Duration.ofMinutes(1).toMillis());
            }
        } finally {
            running.set(false);
            chaos.shutdownNow();
        }
        ResourceTrend trend = ResourceTrend.of(samples);
        long lost = acknowledged.countMissingFrom(consumed);
        int leaks = LEAKS.leaks() - leaksBefore;
        boolean pass = lost == 0 && leaks == 0 && trend.flat() && failedSends.get() == 0;
        new Figures("Soak", length + " produce+consume at " + (RECORDS_PER_TICK * 1000 / TICK.toMillis())
                + " rec/s, a member replaced every 2 min, a broker bounced every 5 min", acknowledged.records(), lost,
                consumed.repeats(), 0, -1, pass, trend + "; leaks " + leaks + "; failed sends " + failedSends.get()
                + "; order not checked").report();

        assertThat(lost).as("acknowledged records never consumed").isZero();
        assertThat(failedSends.get()).as("sends that failed").isZero();
        assertThat(leaks).as("buffer leaks reported by Netty").isZero();
        assertThat(trend.flat()).as("resources flat after warm-up: " + trend).isTrue();
    }

    private void produceTick(Producer producer, AtomicLong sequence) {
        for (int i = 0; i < RECORDS_PER_TICK; i++) {
            RecordId id = new RecordId(1, sequence.getAndIncrement());
            producer.send(ProducerRecord.of(id.encode(84))).whenComplete((report, error) -> {
                if (error == null) {
                    acknowledged.see(id);
                } else {
                    failedSends.incrementAndGet();
                }
            });
        }
    }

    private Thread member(Topic topic, String name) {
        return start(name, () -> consumeUntil(topic, running::get));
    }

    private Thread rotatingMember(Topic topic) {
        return start("rotating", () -> {
            while (running.get()) {
                long until = System.nanoTime() + MEMBER_ROTATION.toNanos();
                consumeUntil(topic, () -> running.get() && System.nanoTime() < until);
            }
        });
    }

    private void consumeUntil(Topic topic, BooleanSupplier condition) {
        try (BalancedConsumer consumer = topic.balancedConsumer(ConsumerConfig.builder().consumerGroup(GROUP)
                .managed(true).autoOffsetReset(OffsetReset.EARLIEST).autoCommitInterval(Duration.ofSeconds(1))
                .build())) {
            while (condition.getAsBoolean()) {
                Message message = consumer.consume(Duration.ofMillis(200));
                if (message != null) {
                    consumed.see(RecordId.decode(message.value()));
                }
            }
        }
    }

    private static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, "soak-" + name);
        thread.start();
        return thread;
    }

    private static void bounce(EmbeddedKafkaCluster cluster, AtomicLong bounces) {
        int broker = (int) (bounces.getAndIncrement() % cluster.brokerCount());
        cluster.stopBroker(broker);
        cluster.startBroker(broker);
    }

    /** Leaks one buffer and waits until the detector reports it, proving it counts; returns the count after. */
    private static int leakOneBufferOnPurpose() {
        int before = LEAKS.leaks();
        PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(42);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            probe.release();
            return LEAKS.leaks() > before;
        });
        return LEAKS.leaks();
    }
}

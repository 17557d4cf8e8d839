package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * T8: Gregor consumers (a simple one and a managed balanced one, each alone on the topic) read while the
 * partitions' leadership moves from broker to broker (the testkit's {@code moveLeader}: a preferred-leader election),
 * with a steady writer ({@code kafka-clients}, outside the test) feeding the topic. Each consumer must read every
 * record of the log once, in order, and no record may wait longer than 5 s between its acknowledgement to the writer
 * and its consumption (the consumer's stall, apart from the writer's own pause at a move, which is reported too).
 */
class LeaderMovesWhileConsumingTest extends SharedChaosCluster {

    private static final String TOPIC = "t8-leader-moves";
    private static final int PARTITIONS = 6;
    private static final long STALL_LIMIT_MS = 5_000;

    @Test
    void consumersSkipAndRepeatNothingWhileLeadershipMoves(EmbeddedKafkaCluster cluster) throws Exception {
        Scale scale = Scale.current();
        int moves = scale.pick(5, 20);
        // Each move returns once the new leader leads; reduced, the next one follows a second later.
        Duration between = scale.pick(Duration.ofSeconds(1), Duration.ofSeconds(2));
        List<Reader> readers = new ArrayList<>();
        Writer writer = new Writer(cluster.bootstrapServers(), 2_000);
        long start = System.nanoTime();
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic(TOPIC, PARTITIONS, 3);
            readers.add(new Reader("simple", topic.simpleConsumer(ConsumerConfig.builder().build()), writer));
            readers.add(new Reader("balanced", topic.balancedConsumer(ConsumerConfig.builder()
                    .consumerGroup("t8-balanced").managed(true).build()), writer));
            readers.forEach(Reader::start);
            writer.start();
            try {
                try {
                    // Stalls count from when every reader has caught up with the writer, not from its start.
                    await().atMost(Duration.ofMinutes(1)).until(() -> readers.stream()
                            .allMatch(reader -> reader.count() > 1_000 && reader.lastDelayMillis() < 1_000));
                    readers.forEach(Reader::measure);
                    for (int move = 0; move < moves; move++) {
                        int partition = move % PARTITIONS;
                        int leader = cluster.leader(TOPIC, partition).orElseThrow();
                        int next = cluster.inSyncReplicas(TOPIC, partition).stream().filter(id -> id != leader)
                                .findFirst().orElseThrow();
                        cluster.moveLeader(TOPIC, partition, next);
                        Thread.sleep(between.toMillis());
                    }
                } finally {
                    writer.stop();
                }
                long written = writer.written();
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> readers.stream().allMatch(reader -> reader.count() >= written));
            } finally {
                for (Reader reader : readers) {
                    reader.stop();
                }
            }
        }
        long runSeconds = (System.nanoTime() - start) / 1_000_000_000;
        List<StoredRecord> log = TopicReadBack.readAll(cluster.bootstrapServers(), TOPIC, Duration.ofMinutes(1));

        for (Reader reader : readers) {
            ConsumeAudit audit = ConsumeAudit.of(reader.consumed(), log);
            boolean pass = audit.clean() && reader.longestStallMillis() <= STALL_LIMIT_MS && reader.error() == null;
            new Figures("T8 leader moves (" + reader.name + " consumer)", moves + " leadership moves, one every "
                    + between.toSeconds() + " s", audit.stored(), audit.skipped(), audit.duplicated(),
                    audit.reordered(), reader.longestStallMillis(), pass,
                    String.format("3 brokers, %d partitions RF 3, kafka-clients writer 2000 rec/s; consumed %d,"
                                    + " mismatched %d; stall = longest wait of a record between its acknowledgement"
                                    + " to the writer and its consumption; longest send-to-consume %d ms, writer's"
                                    + " slowest send %d ms; moves by preferred-leader election; %d s",
                            PARTITIONS, audit.consumed(), audit.mismatched(), reader.longestDelayMillis(),
                            writer.longestSendMillis(), runSeconds)).report();
            assertThat(reader.error()).as("%s consumer's error", reader.name).isNull();
            assertThat(audit.skipped()).as("records the %s consumer skipped", reader.name).isZero();
            assertThat(audit.duplicated()).as("records the %s consumer read twice", reader.name).isZero();
            assertThat(audit.reordered()).as("records the %s consumer read out of order", reader.name).isZero();
            assertThat(audit.mismatched()).as("records the %s consumer read that the log holds otherwise",
                    reader.name).isZero();
            assertThat(reader.longestStallMillis()).as("longest stall of the %s consumer, ms", reader.name)
                    .isLessThanOrEqualTo(STALL_LIMIT_MS);
        }
    }

    /** The outside writer: kafka-clients, idempotent, a steady rate, round the partitions. */
    private static final class Writer {

        private final KafkaProducer<byte[], byte[]> producer;
        private final double rate;
        private final AtomicLong written = new AtomicLong();
        private final Map<RecordId, Long> acknowledgedAtMillis = new ConcurrentHashMap<>();
        private final AtomicLong longestSendMillis = new AtomicLong();
        private final Thread thread = new Thread(this::run, "t8-writer");
        private volatile boolean running = true;

        Writer(String bootstrapServers, double rate) {
            Properties config = new Properties();
            config.put("bootstrap.servers", bootstrapServers);
            config.put("acks", "all");
            config.put("linger.ms", "5");
            this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.rate = rate;
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(Duration.ofMinutes(1).toMillis());
            producer.close(Duration.ofMinutes(1));
        }

        long written() {
            return written.get();
        }

        /** When the writer heard that {@code id} was written, or null if it has not (yet). */
        Long acknowledgedAtMillis(RecordId id) {
            return acknowledgedAtMillis.get(id);
        }

        long longestSendMillis() {
            return longestSendMillis.get();
        }

        private void run() {
            Pacer pacer = new Pacer(rate);
            long sequence = 0;
            while (running) {
                pacer.awaitTurn();
                RecordId id = new RecordId(8, sequence);
                long sentAt = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(TOPIC, (int) (sequence % PARTITIONS), null, id.encode(100)),
                        (metadata, error) -> {
                            if (error == null) {
                                long now = System.currentTimeMillis();
                                acknowledgedAtMillis.put(id, now);
                                longestSendMillis.accumulateAndGet(now - sentAt, Math::max);
                                written.incrementAndGet();
                            }
                        });
                sequence++;
            }
            producer.flush();
        }
    }

    /** A consumer under test, reading on a thread of its own and noting what it read and how late. */
    private static final class Reader {

        private final String name;
        private final SimpleConsumer consumer;
        private final Writer writer;
        private final AtomicLong longestStall = new AtomicLong();
        private final List<StoredRecord> consumed = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong longestDelay = new AtomicLong();
        private volatile long lastDelay = Long.MAX_VALUE;
        private volatile boolean measuring;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Throwable error;

        Reader(String name, SimpleConsumer consumer, Writer writer) {
            this.name = name;
            this.consumer = consumer;
            this.writer = writer;
            this.thread = new Thread(this::run, "t8-" + name);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(Duration.ofMinutes(1).toMillis());
            consumer.close();
        }

        long count() {
            return consumed.size();
        }

        List<StoredRecord> consumed() {
            synchronized (consumed) {
                return List.copyOf(consumed);
            }
        }

        void measure() {
            measuring = true;
        }

        long lastDelayMillis() {
            return lastDelay;
        }

        /** The longest write-to-consume delay of a record (the writer's pauses included). */
        long longestDelayMillis() {
            return longestDelay.get();
        }

        /** The longest time a record waited for this consumer after the writer heard it was written. */
        long longestStallMillis() {
            return longestStall.get();
        }

        Throwable error() {
            return error;
        }

        private void run() {
            try {
                while (running) {
                    Message message = consumer.consume(Duration.ofMillis(200));
                    if (message != null) {
                        long now = System.currentTimeMillis();
                        RecordId id = RecordId.decode(message.value());
                        lastDelay = now - message.timestamp();
                        Long acknowledgedAt = writer.acknowledgedAtMillis(id);
                        if (measuring) {
                            longestDelay.accumulateAndGet(lastDelay, Math::max);
                            if (acknowledgedAt != null) {
                                longestStall.accumulateAndGet(now - acknowledgedAt, Math::max);
                            }
                        }
                        consumed.add(new StoredRecord(message.partitionId(), message.offset(), id));
                    }
                }
            } catch (RuntimeException e) {
                error = e;
            }
        }
    }
}

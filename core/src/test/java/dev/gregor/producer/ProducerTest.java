package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.gregor.Backend;
import dev.gregor.ClientClosedException;
import dev.gregor.Header;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.RecordTooLargeException;
import dev.gregor.Topic;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;
import dev.gregor.support.CallerStacks;
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.support.SenderThreads;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@KafkaCluster
class ProducerTest {

    /** Recent, so that the broker's time-based retention and segment rolling leave the records alone. */
    private static final long BASE_TIME = System.currentTimeMillis() - 600_000;

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;

    ProducerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    private ProducerConfig.Builder producerConfig() {
        return ProducerConfig.builder().backend(backend());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void kafkaClientsReadsBackExactlyWhatWasProduced(Compression compression) {
        Topic topic = client.createTopic("round-trip-" + compression.name().toLowerCase(), 6, 1);
        int count = 3_000;
        List<dev.gregor.producer.ProducerRecord> sent = new ArrayList<>();
        try (Producer producer = topic.producer(producerConfig().compression(compression).build())) {
            for (int i = 0; i < count; i++) {
                dev.gregor.producer.ProducerRecord record = record(i);
                sent.add(record);
                producer.produce(record);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> read = KafkaClientsReader.readAll(cluster.bootstrapServers(), topic.name(), count);

        assertThat(read).hasSize(count);
        Map<String, dev.gregor.producer.ProducerRecord> byValue = new HashMap<>();
        sent.forEach(record -> byValue.put(new String(record.value(), StandardCharsets.UTF_8), record));
        Map<Integer, Integer> lastIndexPerPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> received : read) {
            dev.gregor.producer.ProducerRecord expected = byValue.remove(new String(received.value(), StandardCharsets.UTF_8));
            assertThat(expected).as("record %s read once", new String(received.value(), StandardCharsets.UTF_8)).isNotNull();
            assertThat(received.key()).isEqualTo(expected.key());
            assertThat(received.timestamp()).isEqualTo(expected.timestamp());
            assertThat(received.partition()).isEqualTo(expected.partition());
            List<Header> headers = new ArrayList<>();
            received.headers().forEach(header -> headers.add(new Header(header.key(), header.value())));
            assertThat(headers).isEqualTo(expected.headers());
            int index = Integer.parseInt(new String(received.value(), StandardCharsets.UTF_8).substring("value-".length()));
            assertThat(index).as("order within partition %d", received.partition())
                    .isGreaterThan(lastIndexPerPartition.getOrDefault(received.partition(), -1));
            lastIndexPerPartition.put(received.partition(), index);
        }
        assertThat(byValue).isEmpty();
    }

    @Test
    void keysLandWhereKafkaClientsPutsThem() {
        Topic ours = client.createTopic("keys-gregor", 12, 1);
        client.createTopic("keys-kafka", 12, 1);
        Random random = new Random(11);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[1 + random.nextInt(24)];
            random.nextBytes(key);
            keys.add(key);
        }
        try (Producer producer = ours.producer(producerConfig().partitioner(Partitioners.hashing()).build())) {
            for (int i = 0; i < keys.size(); i++) {
                producer.produce(Integer.toString(i).getBytes(StandardCharsets.UTF_8), keys.get(i));
            }
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < keys.size(); i++) {
                kafka.send(new ProducerRecord<>("keys-kafka", keys.get(i), Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
            }
        }

        assertThat(partitionByValue("keys-gregor", keys.size())).isEqualTo(partitionByValue("keys-kafka", keys.size()));
    }

    @Test
    void syncProduceReturnsOnlyOnceAcknowledgedAndThreadsShareBatches() throws Exception {
        Topic topic = client.createTopic("sync", 3, 1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (Producer producer = topic.producer(producerConfig().sync(true).linger(Duration.ofMillis(20)).build())) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        producer.produce(("t" + thread + "-" + i).getBytes(StandardCharsets.UTF_8));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(topic.latestOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
            ProducerMetrics metrics = producer.metrics();
            assertThat(metrics.recordsDelivered()).isEqualTo(400);
            assertThat(metrics.batchesSent()).as("8 threads waiting at once share batches").isLessThan(200);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void unkeyedRecordsMoveOnToAnotherPartitionAsBatchesFill() {
        Topic topic = client.createTopic("sticky-spread", 6, 1);
        try (Producer producer = topic.producer(producerConfig().batchSize(16 * 1024).build())) {
            for (int i = 0; i < 20_000; i++) {
                producer.produce(new byte[100]);
            }
        }
        // The default partitioner fills one partition's batch (16 KiB, about 140 of these records) and then picks
        // another at random: over ~140 switches, each of the 6 partitions is picked (a miss has odds below 1e-10).
        Map<Integer, Long> offsets = topic.latestOffsets();
        assertThat(offsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        assertThat(offsets).as("records per partition").allSatisfy((partition, records) -> assertThat(records).isPositive());
    }

    @Test
    void aLoneRecordLeavesWhenItsLingerEndsEvenIfTheProducerWasIdle() throws Exception {
        Topic topic = client.createTopic("lone-records", 1, 1);
        try (Producer producer = topic.producer(producerConfig().linger(Duration.ZERO).build())) {
            producer.send(dev.gregor.producer.ProducerRecord.of("first")).get(30, TimeUnit.SECONDS);
            List<Long> slow = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // Idle between records, so the producer's background thread has gone to sleep when the next comes.
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                long start = System.nanoTime();
                DeliveryReport report = producer.send(dev.gregor.producer.ProducerRecord.of("lone " + i)).get(30, TimeUnit.SECONDS);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(report.offset()).isEqualTo(i + 1);
                if (millis >= 60) {
                    slow.add(millis);
                }
            }
            // With linger 0 a record goes at once; a local broker answers in a few milliseconds. A record that waited
            // for the background thread's next periodic look would take up to a tenth of a second: some 40% of them
            // 60 ms or more (3 or fewer of 20 by chance: under 2%). A few slow ones are a loaded machine (the suite
            // runs in parallel forks).
            assertThat(slow).as("acknowledgements that took 60 ms or more, of 20").hasSizeLessThanOrEqualTo(3);
        }
    }

    @Test
    void everyRecordGetsExactlyOneReportInTheQueueAndItsFuture() throws Exception {
        Topic topic = client.createTopic("reports", 2, 1);
        Set<Long> offsets = new HashSet<>();
        List<CompletableFuture<DeliveryReport>> futures = new ArrayList<>();
        try (Producer producer = topic.producer(producerConfig().deliveryReports(true).build())) {
            for (int i = 0; i < 500; i++) {
                futures.add(producer.send(dev.gregor.producer.ProducerRecord.of("r" + i).withPartition(i % 2)));
            }
            producer.flush();
            int reports = 0;
            DeliveryReport report;
            while ((report = producer.deliveryReport(Duration.ofMillis(200))) != null) {
                assertThat(report.delivered()).isTrue();
                assertThat(offsets.add(report.partition() * 1_000_000L + report.offset())).isTrue();
                reports++;
            }
            assertThat(reports).isEqualTo(500);
        }
        for (int i = 0; i < futures.size(); i++) {
            DeliveryReport report = futures.get(i).get(10, TimeUnit.SECONDS);
            assertThat(report.partition()).isEqualTo(i % 2);
            assertThat(report.offset()).isEqualTo(i / 2);
            assertThat(new String(report.record().value(), StandardCharsets.UTF_8)).isEqualTo("r" + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Acks.class, names = {"NONE", "LEADER"})
    void weakerAcknowledgementsDeliverToo(Acks acks) throws Exception {
        Topic topic = client.createTopic("acks-" + acks.name().toLowerCase(), 1, 1);
        List<CompletableFuture<DeliveryReport>> reports = new ArrayList<>();
        try (Producer producer = topic.producer(producerConfig().acks(acks).idempotence(false).build())) {
            for (int i = 0; i < 200; i++) {
                reports.add(producer.send(dev.gregor.producer.ProducerRecord.of("a" + i)));
            }
        }
        for (int i = 0; i < reports.size(); i++) {
            DeliveryReport report = reports.get(i).get(10, TimeUnit.SECONDS);
            assertThat(report.delivered()).isTrue();
            assertThat(report.offset()).isEqualTo(acks == Acks.NONE ? -1 : i);
        }
        assertThat(KafkaClientsReader.readAll(cluster.bootstrapServers(), topic.name(), 200)).hasSize(200);
    }

    @Test
    void undeliverableRecordsAreReportedWithTheReason() throws Exception {
        assumeTrue(backend() == Backend.NATIVE, "kafka-clients' producer asks the broker to create a missing topic in"
                + " its metadata requests (no setting turns that off), so a deleted topic comes back");
        Topic topic = client.createTopic("vanishing", 1, 1);
        try (Producer producer = topic.producer(producerConfig().deliveryReports(true)
                .deliveryTimeout(Duration.ofSeconds(2)).build());
             KafkaClient other = KafkaClient.connect(cluster.bootstrapServers())) {
            other.deleteTopic("vanishing");
            CompletableFuture<DeliveryReport> future = producer.send(dev.gregor.producer.ProducerRecord.of("lost"));
            producer.produce("lost too".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(dev.gregor.DeliveryException.class)
                    .hasMessageContaining("'vanishing'")
                    .hasMessageContaining("deliveryTimeout");
            List<DeliveryReport> reports = new ArrayList<>();
            DeliveryReport report;
            while ((report = producer.deliveryReport(Duration.ofSeconds(5))) != null) {
                reports.add(report);
            }
            assertThat(reports).hasSize(2).allSatisfy(failed -> {
                assertThat(failed.delivered()).isFalse();
                assertThat(failed.offset()).isEqualTo(-1);
                assertThat(failed.error()).containsInstanceOf(dev.gregor.DeliveryException.class);
            });
        }
    }

    @Test
    void tombstonesAndNullKeysAreLegal() {
        Topic topic = client.createTopic("tombstones", 1, 1);
        try (Producer producer = topic.producer(producerConfig().sync(true).build())) {
            producer.produce(dev.gregor.producer.ProducerRecord.of((byte[]) null).withKey("gone"));
            producer.produce((byte[]) null);
        }
        List<ConsumerRecord<byte[], byte[]>> read = KafkaClientsReader.readAll(cluster.bootstrapServers(), "tombstones", 2);
        assertThat(read).extracting(ConsumerRecord::value).containsExactly(null, null);
        assertThat(read.get(0).key()).isEqualTo("gone".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badInputFailsAtTheCallAndLosesNothingElse() {
        Topic topic = client.createTopic("bad-input", 2, 1);
        Producer producer = topic.producer(producerConfig().maxRequestSize(64 * 1024).build());
        producer.produce("before".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> producer.produce(new byte[100 * 1024]))
                .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("maxRequestSize");
        assertThatThrownBy(() -> producer.produce(dev.gregor.producer.ProducerRecord.of("x").withPartition(5)))
                .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("partitions are 0 to 1");
        assertThatThrownBy(() -> producer.deliveryReport(Duration.ZERO))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("deliveryReports");
        producer.produce("after".getBytes(StandardCharsets.UTF_8));
        producer.close();

        assertThatThrownBy(() -> producer.produce("late".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ClientClosedException.class);
        assertThat(KafkaClientsReader.readAll(cluster.bootstrapServers(), "bad-input", 2))
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("before", "after");
        assertThatThrownBy(() -> producerConfig().batchSize(10))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> producerConfig().acks(Acks.LEADER).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("idempotence");
    }

    @Test
    void aFullQueueFailsFastWhenAskedTo() {
        Topic topic = client.createTopic("queue-full", 1, 1);
        AtomicInteger accepted = new AtomicInteger();
        try (Producer producer = topic.producer(producerConfig().maxQueuedRecords(10).blockWhenFull(false)
                .linger(Duration.ofSeconds(30)).build())) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 11; i++) {
                    producer.produce(("q" + i).getBytes(StandardCharsets.UTF_8));
                    accepted.incrementAndGet();
                }
            }).isInstanceOf(KafkaTimeoutException.class).hasMessageContaining("maxQueuedRecords");
        }
        assertThat(accepted).hasValue(10);
        assertThat(topic.latestOffsets()).containsEntry(0, 10L);
    }

    @Test
    void aFailedSyncProduceThrowsFromTheCallerWithTheSendersFailureAsCause() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("sync-failure", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        Topic topic = client.topic("sync-failure");
        // A compacted topic's broker refuses a record without a key (INVALID_RECORD): the sender's thread sees it.
        try (Producer producer = topic.producer(producerConfig().sync(true).build())) {
            assertThatThrownBy(() -> producer.produce("no key".getBytes(StandardCharsets.UTF_8)))
                    .satisfies(thrown -> CallerStacks.assertRethrownFor(thrown,
                            "aFailedSyncProduceThrowsFromTheCallerWithTheSendersFailureAsCause"));
        }
    }

    @Test
    void aBrokerThatIsDownFailsTheTopicLookupClearly() {
        try (KafkaClient nowhere = KafkaClient.builder().bootstrapServers("127.0.0.1:1")
                .apiTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> nowhere.topic("anything"))
                    .isInstanceOf(dev.gregor.BrokerUnavailableException.class).hasMessageContaining("127.0.0.1:1");
        }
    }

    @Test
    void oneProducerWritesFiftyTopicsOnOneSenderThreadUnderOneProducerIdAndEachKeyLandsOnItsPartition()
            throws Exception {
        List<String> topics = IntStream.range(0, 50).mapToObj(i -> "fifty-" + i).toList();
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(topics.stream().map(name -> new NewTopic(name, 2, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
        // Leaders of new partitions answer NOT_LEADER_OR_FOLLOWER for a moment; this test is not about that (a
        // KafkaProducer retrying through it once left a batch unsent until its delivery timeout): wait until each
        // partition's leader serves.
        topics.forEach(name -> client.topic(name).latestOffsets());
        topics.forEach(name -> IntStream.range(0, 2)
                .forEach(partition -> partitions.add(new org.apache.kafka.common.TopicPartition(name, partition))));
        int count = 2_000;
        Map<String, Integer> partitionOfKey = new HashMap<>();
        List<CompletableFuture<DeliveryReport>> reports = new ArrayList<>();
        Set<String> before = SenderThreads.live();
        Set<String> started;
        try (Producer producer = client.producer(producerConfig().build())) {
            for (int i = 0; i < count; i++) {
                String key = "key-" + i;
                reports.add(producer.send(topics.get(i % topics.size()), dev.gregor.producer.ProducerRecord.of("v" + i)
                        .withKey(key)));
                partitionOfKey.put(key, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 2);
            }
            producer.flush();
            started = SenderThreads.startedSince(before);
            assertThat(producer.topic()).isEmpty();
        }

        assertThat(started).as("sender threads of a producer writing to 50 topics").hasSize(1);
        for (CompletableFuture<DeliveryReport> report : reports) {
            assertThat(report.get(30, TimeUnit.SECONDS).delivered()).isTrue();
        }
        List<ConsumerRecord<byte[], byte[]>> read = KafkaClientsReader.readAll(cluster.bootstrapServers(), topics, count);
        assertThat(read).hasSize(count);
        Map<String, String> landed = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            assertThat(landed.put(key, record.topic() + "-" + record.partition())).as("%s read once", key).isNull();
            int index = Integer.parseInt(key.substring("key-".length()));
            assertThat(record.topic() + "-" + record.partition()).as("where %s landed", key)
                    .isEqualTo(topics.get(index % topics.size()) + "-" + partitionOfKey.get(key));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Set<Long> producerIds = admin.describeProducers(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(state -> state.activeProducers().stream()).map(ProducerState::producerId)
                    .collect(Collectors.toSet());
            assertThat(producerIds).as("producer ids that wrote the 100 partitions").hasSize(1);
        }
    }

    @Test
    void producersOfEqualEngineSettingsShareOneEngineThatStopsWithTheLastOfThem() throws Exception {
        client.createTopic("share-a", 1, 1);
        client.createTopic("share-b", 1, 1);
        Set<String> before = SenderThreads.live();
        Producer syncToA = client.topic("share-a").producer(producerConfig().sync(true).build());
        Producer reportingToB = client.topic("share-b").producer(producerConfig().deliveryReports(true)
                .partitioner(Partitioners.roundRobin()).maxQueuedRecords(10).build());
        Producer anyTopic = client.producer(producerConfig().build());
        syncToA.produce("a".getBytes(StandardCharsets.UTF_8));
        reportingToB.send(dev.gregor.producer.ProducerRecord.of("b")).get(30, TimeUnit.SECONDS);
        anyTopic.send("share-a", dev.gregor.producer.ProducerRecord.of("any")).get(30, TimeUnit.SECONDS);
        Set<String> shared = SenderThreads.startedSince(before);
        assertThat(shared).as("one engine for settings that differ only per handle").hasSize(1);

        Producer lingering = client.producer(producerConfig().linger(Duration.ofMillis(50)).build());
        lingering.send("share-b", dev.gregor.producer.ProducerRecord.of("late")).get(30, TimeUnit.SECONDS);
        assertThat(SenderThreads.startedSince(before)).as("another linger, another engine").hasSize(2);

        syncToA.close();
        anyTopic.close();
        lingering.close();
        assertThat(SenderThreads.live()).as("the engine a producer still holds").containsAll(shared);
        reportingToB.send(dev.gregor.producer.ProducerRecord.of("still")).get(30, TimeUnit.SECONDS);
        reportingToB.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> Collections.disjoint(SenderThreads.live(), shared));
        assertThat(client.topic("share-a").latestOffsets()).containsEntry(0, 2L);
        assertThat(client.topic("share-b").latestOffsets()).containsEntry(0, 3L);
    }

    /**
     * kafka-clients' producer blocks in send() up to its one max.block.ms, so there a handle that may block another
     * time needs an engine of its own; Gregor's engine never blocks a caller, so handles of any maxBlock share it.
     */
    @Test
    void handlesThatBlockForDifferentTimesShareAnEngineOnlyWhereTheEngineNeverBlocks() throws Exception {
        client.createTopic("share-blocking", 1, 1);
        Set<String> before = SenderThreads.live();
        try (Producer quick = client.topic("share-blocking").producer(producerConfig().maxBlock(Duration.ofSeconds(2)).build());
             Producer patient = client.topic("share-blocking").producer(producerConfig().maxBlock(Duration.ofSeconds(40)).build())) {
            quick.send(dev.gregor.producer.ProducerRecord.of("quick")).get(30, TimeUnit.SECONDS);
            patient.send(dev.gregor.producer.ProducerRecord.of("patient")).get(30, TimeUnit.SECONDS);

            assertThat(SenderThreads.startedSince(before)).hasSize(backend() == Backend.NATIVE ? 1 : 2);
        }
        assertThat(client.topic("share-blocking").latestOffsets()).containsEntry(0, 2L);
    }

    @Test
    void aProducerBoundToNoTopicRefusesARecordWithoutOneAndNamesTheFix() {
        client.createTopic("named-per-call", 1, 1);
        try (Producer producer = client.producer(producerConfig().build())) {
            assertThatThrownBy(() -> producer.send(dev.gregor.producer.ProducerRecord.of("x")))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("send(\"orders\", record)");
            assertThatThrownBy(() -> producer.produce("x".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("produce(\"orders\", record)");
            assertThatThrownBy(() -> producer.send("no-such-topic", dev.gregor.producer.ProducerRecord.of("x")))
                    .isInstanceOf(UnknownTopicException.class).hasMessageContaining("no-such-topic");
            producer.produce("named-per-call", dev.gregor.producer.ProducerRecord.of("named"));
        }
        assertThat(client.topic("named-per-call").latestOffsets()).containsEntry(0, 1L);
    }

    private Map<String, Integer> partitionByValue(String topic, int count) {
        Map<String, Integer> placement = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaClientsReader.readAll(cluster.bootstrapServers(), topic, count)) {
            placement.put(new String(record.value(), StandardCharsets.UTF_8), record.partition());
        }
        return placement;
    }

    private static dev.gregor.producer.ProducerRecord record(int i) {
        dev.gregor.producer.ProducerRecord record = dev.gregor.producer.ProducerRecord.of("value-" + i)
                .withTimestamp(BASE_TIME + i)
                .withPartition(i % 6);
        if (i % 5 != 0) {
            record = record.withKey("key-" + i);
        }
        if (i % 3 == 0) {
            record = record.withHeader(Header.of("trace", "id-" + i)).withHeader(new Header("none", null));
        }
        return record;
    }
}

package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.gregor.Backend;
import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.Topic;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;
import dev.gregor.support.BackgroundIteration;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@KafkaCluster
class SimpleConsumerTest {

    /** Recent, so that the broker's time-based retention and segment rolling leave the records alone. */
    private static final long BASE_TIME = System.currentTimeMillis() - 600_000;

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;

    SimpleConsumerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    private ConsumerConfig.Builder consumerConfig() {
        return ConsumerConfig.builder().backend(backend());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void readsOneHundredThousandRecordsOfEveryCodecExactlyOnceInOrder() {
        Topic topic = client.createTopic("read-back", 6, 1);
        String[] codecs = {"none", "gzip", "snappy", "lz4", "zstd"};
        for (int c = 0; c < codecs.length; c++) {
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 6, c * 20_000, (c + 1) * 20_000, codecs[c], BASE_TIME);
        }
        assertThat(topic.latestOffsets().values().stream().mapToLong(Long::longValue).sum())
                .as("records the broker holds").isEqualTo(100_000);

        Set<Integer> seen = new HashSet<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig()
                .consumerTimeout(Duration.ofSeconds(30)).build())) {
            for (Message message : consumer) {
                int i = Integer.parseInt(message.valueAsString().substring("value-".length()));
                assertThat(seen.add(i)).as("record %d once", i).isTrue();
                assertThat(message.partitionId()).isEqualTo(i % 6);
                assertThat(message.offset()).isGreaterThan(lastOffset.getOrDefault(message.partitionId(), -1L));
                lastOffset.put(message.partitionId(), message.offset());
                assertThat(message.keyAsString()).isEqualTo(i % 7 == 0 ? null : "key-" + i);
                assertThat(message.timestamp()).isEqualTo(BASE_TIME + i);
                assertThat(message.header("n").valueAsString()).isEqualTo(Integer.toString(i));
                assertThat(message.topic()).isEqualTo("read-back");
                if (seen.size() == 100_000) {
                    break;
                }
            }
        }
        assertThat(100_000 - seen.size()).as("records not read back; last offset read per partition: %s", lastOffset).isZero();
    }

    @Test
    void aCaughtUpPartitionWaitingForRecordsDoesNotHoldUpAPartitionWithRecordsToRead() {
        Topic topic = client.createTopic("mixed-lag", 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 0, 30_000, "none", BASE_TIME);
        assertThat(topic.latestOffsets()).isEqualTo(Map.of(0, 30_000L, 1, 0L));

        // Partition 1 stays empty, so a Fetch holding only it waits the whole fetchMaxWait (20 s) for records. Small
        // chunks and a small queue make partition 0 need many fetches, each of which such a wait would hold up
        // beyond the consumer timeout (consume() would then return null).
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig().fetchMaxWait(Duration.ofSeconds(20))
                .maxPartitionFetchBytes(16 * 1024).queuedMaxMessages(100).consumerTimeout(Duration.ofSeconds(5)).build())) {
            for (int i = 0; i < 30_000; i++) {
                Message message = consumer.consume();
                assertThat(message).as("record %d of partition 0", i).isNotNull();
                assertThat(message.offset()).isEqualTo(i);
            }
        }
    }

    @Test
    void aConsumerWaitingForRecordsDoesNotDelayOtherRequestsOfItsClient() throws Exception {
        Topic topic = client.createTopic("long-poll", 1, 1);
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig().fetchMaxWait(Duration.ofSeconds(20))
                .consumerTimeout(Duration.ofMillis(100)).build());
             dev.gregor.producer.Producer producer = topic.producer(dev.gregor.producer.ProducerConfig.builder().build())) {
            assertThat(consumer.consume()).isNull();
            // The consumer's Fetch now waits at the broker for up to 20 s; on a connection shared with the producer
            // and the metadata requests, every request below would queue behind it.
            for (int i = 0; i < 5; i++) {
                producer.send(dev.gregor.producer.ProducerRecord.of("during the long poll " + i)).get(5, TimeUnit.SECONDS);
                assertThat(topic.latestOffsets()).isEqualTo(Map.of(0, i + 1L));
            }
        }
    }

    @Test
    void anAsynchronousCommitStoresTheOffsetsTakenWhenItWasAsked() throws Exception {
        Topic topic = client.createTopic("async-commit", 1, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 0, 10, "none", BASE_TIME);
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig().consumerGroup("async-committers").build())) {
            for (int i = 0; i < 4; i++) {
                consumer.consume();
            }
            java.util.concurrent.CompletableFuture<Void> committed = consumer.commitOffsetsAsync();
            consumer.consume();
            committed.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(consumer.fetchOffsets()).isEqualTo(Map.of(0, 4L));
        }
    }

    @Test
    void disjointPartitionSubsetsTogetherSeeEveryRecordOnce() {
        Topic topic = client.createTopic("subsets", 4, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 4, 0, 2_000, "none", BASE_TIME);
        ConsumerConfig base = consumerConfig().consumerTimeout(Duration.ofSeconds(2)).build();

        List<Integer> first = readValues(topic.simpleConsumer(base.withPartitions(topic.partition(0), topic.partition(2))));
        List<Integer> second = readValues(topic.simpleConsumer(base.toBuilder().partitions(1, 3).build()));

        assertThat(first).hasSize(1_000).allMatch(i -> i % 2 == 0);
        assertThat(second).hasSize(1_000).allMatch(i -> i % 2 == 1);
        Set<Integer> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).hasSize(2_000);
    }

    @Test
    void iterationEndsAfterTheConsumerTimeoutAndConsumeReturnsNullWhenIdle() {
        Topic topic = client.createTopic("idle", 1, 1);
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig()
                .consumerTimeout(Duration.ofMillis(500)).build())) {
            long start = System.nanoTime();
            assertThat(consumer.iterator().hasNext()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
            assertThat(consumer.consume(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void committedOffsetsResumeTheGroupAndAreVisibleToKafkaTools() throws Exception {
        Topic topic = client.createTopic("resume", 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 2, 0, 100, "none", BASE_TIME);
        ConsumerConfig config = consumerConfig().consumerGroup("resumers").consumerTimeout(Duration.ofSeconds(2)).build();

        List<Integer> firstHalf = new ArrayList<>();
        try (SimpleConsumer consumer = topic.simpleConsumer(config)) {
            for (int i = 0; i < 50; i++) {
                firstHalf.add(valueOf(consumer.consume()));
            }
            consumer.commitOffsets();
            assertThat(consumer.fetchOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("resumers").partitionsToOffsetAndMetadata().get();
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(50);
        }

        List<Integer> secondHalf = readValues(topic.simpleConsumer(config.toBuilder().autoCommit(true).build()));

        assertThat(secondHalf).hasSize(50).doesNotContainAnyElementsOf(firstHalf);
        try (SimpleConsumer again = topic.simpleConsumer(config)) {
            assertThat(again.fetchOffsets()).isEqualTo(Map.of(0, 50L, 1, 50L));
            assertThat(again.consume(Duration.ofMillis(500))).as("auto-commit on close committed everything").isNull();
            assertThat(again.lag()).isEqualTo(Map.of(0, 0L, 1, 0L));
        }
    }

    @Test
    void resetsToEarliestLatestExplicitOffsetsAndTimestamps() {
        Topic topic = client.createTopic("resets", 1, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 0, 100, "lz4", BASE_TIME);
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig()
                .autoOffsetReset(OffsetReset.LATEST).consumerTimeout(Duration.ofSeconds(1)).build())) {
            assertThat(consumer.consume(Duration.ofMillis(300))).isNull();
            assertThat(consumer.lag()).isEqualTo(Map.of(0, 0L));

            consumer.resetOffsets(OffsetReset.EARLIEST);
            assertThat(valueOf(consumer.consume())).isZero();
            assertThat(consumer.lag()).isEqualTo(Map.of(0, 99L));

            consumer.resetOffsets(Map.of(0, 42L));
            assertThat(valueOf(consumer.consume())).isEqualTo(42);
            assertThat(consumer.heldOffsets()).isEqualTo(Map.of(0, 42L));

            consumer.resetOffsetsToTimestamp(BASE_TIME + 77);
            assertThat(valueOf(consumer.consume())).isEqualTo(77);

            consumer.resetOffsets(OffsetReset.LATEST);
            assertThat(consumer.consume(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void readCommittedSkipsAbortedTransactionsAndMarkers() {
        Topic topic = client.createTopic("transactions", 1, 1);
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("transactional.id", "gregor-test-tx");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("transactions", KafkaClientsWriter.value(i)));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int i = 10; i < 20; i++) {
                producer.send(new ProducerRecord<>("transactions", KafkaClientsWriter.value(i)));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", KafkaClientsWriter.value(20)));
            producer.commitTransaction();
        }

        List<Integer> committed = readValues(topic.simpleConsumer(consumerConfig()
                .isolationLevel(IsolationLevel.READ_COMMITTED).consumerTimeout(Duration.ofSeconds(2)).build()));
        List<Integer> everything = readValues(topic.simpleConsumer(consumerConfig()
                .consumerTimeout(Duration.ofSeconds(2)).build()));

        assertThat(committed).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20);
        assertThat(everything).hasSize(21);
    }

    @Test
    void theCommitMarkerAfterATransactionsLastRecordIsPassedOnceTheRecordsAreConsumed() {
        Topic topic = client.createTopic("transaction-end-" + backend(), 1, 1);
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("transactional.id", "gregor-test-marker-" + backend());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic.name(), KafkaClientsWriter.value(i)));
            }
            producer.commitTransaction();
        }
        // The coordinator writes the commit marker after commitTransaction returns.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(topic.latestOffsets())
                .as("three records and the commit marker").isEqualTo(Map.of(0, 4L)));

        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig().consumerGroup("marker-" + backend())
                .consumerTimeout(Duration.ofSeconds(30)).build())) {
            assertThat(List.of(valueOf(consumer.consume()), valueOf(consumer.consume()), valueOf(consumer.consume())))
                    .containsExactly(0, 1, 2);
            assertThat(consumer.consume(Duration.ofMillis(300))).isNull();

            assertThat(consumer.lag()).isEqualTo(Map.of(0, 0L));
            consumer.commitOffsets();
            assertThat(consumer.fetchOffsets()).isEqualTo(Map.of(0, 4L));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closingEndsAnIterationWaitingWithoutAConsumerTimeout(boolean closeTheClient) {
        String name = closeTheClient ? "client-close-wakes" : "close-wakes";
        Topic topic = client.createTopic(name, 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 2, 0, 3, "none", BASE_TIME);
        SimpleConsumer consumer = topic.simpleConsumer(consumerConfig()
                .consumerGroup(name).autoCommit(true).build());
        BackgroundIteration iteration = BackgroundIteration.of(consumer);
        iteration.awaitConsumed(3);

        if (closeTheClient) {
            client.close();
        } else {
            consumer.close();
        }

        iteration.awaitEndedQuietly();
        assertThatThrownBy(consumer::consume).isInstanceOf(ClientClosedException.class);
    }

    @Test
    void wakeupEndsAWaitingIterationAndTheConsumerCarriesOn() {
        Topic topic = client.createTopic("wakeup", 1, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 0, 2, "none", BASE_TIME);
        try (SimpleConsumer consumer = topic.simpleConsumer(consumerConfig().build())) {
            BackgroundIteration iteration = BackgroundIteration.of(consumer);
            iteration.awaitConsumed(2);

            consumer.wakeup();

            iteration.awaitEndedQuietly();
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 2, 4, "none", BASE_TIME);
            assertThat(consumer.consume(Duration.ofSeconds(30)).offset()).as("the next message after the wake-up").isEqualTo(2);

            consumer.wakeup();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(consumer.consume())
                    .as("a wake-up with no consume() waiting ends the next one").isNull());
            assertThat(consumer.consume(Duration.ofSeconds(30)).offset()).as("a wake-up counts once").isEqualTo(3);
        }
    }

    @Test
    void badInputGetsClearErrors() {
        Topic topic = client.createTopic("consumer-bad-input", 2, 1);
        assertThatThrownBy(() -> client.topic("no-such-topic").simpleConsumer(consumerConfig().build())).isInstanceOf(UnknownTopicException.class);
        assertThatThrownBy(() -> topic.simpleConsumer(consumerConfig().partitions(0, 7).build()))
                .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("partitions are 0 to 1");
        assertThatThrownBy(() -> topic.simpleConsumer(consumerConfig().consumerGroup("fresh-group")
                .autoOffsetReset(OffsetReset.NONE).build()))
                .isInstanceOf(OffsetOutOfRangeException.class).hasMessageContaining("no committed offset");
        assertThatThrownBy(() -> consumerConfig().autoCommit(true).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumerGroup");

        SimpleConsumer consumer = topic.simpleConsumer(consumerConfig().build());
        assertThatThrownBy(() -> consumer.resetOffsets(Map.of(0, -5L)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("0 or more");
        assertThatThrownBy(consumer::commitOffsets)
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumer group");
        consumer.close();
        assertThatThrownBy(consumer::consume).isInstanceOf(ClientClosedException.class);
    }

    private static List<Integer> readValues(SimpleConsumer consumer) {
        List<Integer> values = new ArrayList<>();
        try (consumer) {
            for (Message message : consumer) {
                values.add(valueOf(message));
            }
        }
        return values;
    }

    private static int valueOf(Message message) {
        return Integer.parseInt(message.valueAsString().substring("value-".length()));
    }
}

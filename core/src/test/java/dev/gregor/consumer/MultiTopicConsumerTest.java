package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.gregor.Backend;
import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownPartitionException;
import dev.gregor.UnknownTopicException;
import dev.gregor.support.BackgroundIteration;
import dev.gregor.support.CapturedLog;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Consumers of several topics: named, hand-picked partitions, and patterns that follow topics as they come and go. */
@KafkaCluster
class MultiTopicConsumerTest {

    private static final long BASE_TIME = System.currentTimeMillis() - 600_000;

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;

    MultiTopicConsumerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers())
                .metadataMaxAge(Duration.ofSeconds(1)).build();
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    private ConsumerConfig.Builder consumerConfig() {
        return ConsumerConfig.builder().backend(backend()).consumerTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void readsEveryRecordOfThreeTopicsOnceWithItsTopicAndInPartitionOrder() {
        List<String> topics = List.of("multi-a", "multi-b", "multi-c");
        topics.forEach(topic -> {
            client.createTopic(topic, 3, 1);
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 3, 0, 300, "lz4", BASE_TIME);
        });

        Map<String, Set<String>> seen = new TreeMap<>();
        Map<TopicPartition, Long> lastOffset = new HashMap<>();
        try (MultiTopicConsumer consumer = client.simpleConsumer(consumerConfig().build(), topics)) {
            assertThat(consumer.topics()).containsExactlyElementsOf(topics);
            assertThat(consumer.partitions()).hasSize(9).isSorted().first().isEqualTo(TopicPartition.of("multi-a", 0));
            for (int read = 0; read < 900; read++) {
                Message message = consumer.consume();
                assertThat(message).as("record %d of 900", read).isNotNull();
                assertThat(seen.computeIfAbsent(message.topic(), topic -> new HashSet<>()).add(message.valueAsString()))
                        .as("%s read once", message).isTrue();
                int i = Integer.parseInt(message.valueAsString().substring("value-".length()));
                assertThat(message.partitionId()).isEqualTo(i % 3);
                TopicPartition partition = TopicPartition.of(message.topic(), message.partitionId());
                assertThat(message.offset()).isGreaterThan(lastOffset.getOrDefault(partition, -1L));
                lastOffset.put(partition, message.offset());
            }
            assertThat(consumer.consume(Duration.ofMillis(300))).as("nothing beyond what was written").isNull();
            assertThat(consumer.lag()).hasSize(9).allSatisfy((partition, lag) -> assertThat(lag).isZero());
        }
        assertThat(seen.keySet()).containsExactlyElementsOf(topics);
        assertThat(seen.values()).allSatisfy(values -> assertThat(values).hasSize(300));
    }

    @Test
    void commitsEveryTopicPartitionAndResumesExactlyWhereItStopped() {
        List<String> topics = List.of("resume-x", "resume-y");
        topics.forEach(topic -> {
            client.createTopic(topic, 2, 1);
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 2, 0, 40, "none", BASE_TIME);
        });
        ConsumerConfig config = consumerConfig().consumerGroup("multi-resumers").build();

        Map<TopicPartition, Long> held;
        try (MultiTopicConsumer consumer = client.simpleConsumer(config, topics)) {
            for (int i = 0; i < 30; i++) {
                assertThat(consumer.consume()).isNotNull();
            }
            consumer.commitOffsets();
            held = consumer.heldOffsets();
            Map<TopicPartition, Long> committed = consumer.fetchOffsets();
            assertThat(committed).hasSize(4);
            held.forEach((partition, last) -> assertThat(committed.get(partition)).as("%s", partition).isEqualTo(last + 1));
            Map<TopicPartition, Long> lag = consumer.lag();
            held.forEach((partition, last) -> assertThat(lag.get(partition)).isEqualTo(20 - (last + 1)));
        }

        try (MultiTopicConsumer again = client.simpleConsumer(config, topics)) {
            Map<TopicPartition, List<Long>> offsets = new TreeMap<>();
            for (int i = 0; i < 50; i++) {
                Message message = again.consume();
                assertThat(message).as("record %d of the 50 not committed", i).isNotNull();
                offsets.computeIfAbsent(TopicPartition.of(message.topic(), message.partitionId()), p -> new ArrayList<>())
                        .add(message.offset());
            }
            held.forEach((partition, last) -> {
                List<Long> read = offsets.getOrDefault(partition, List.of());
                assertThat(read).as("%s resumes after %d", partition, last)
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(last + 1, 20).boxed().toList());
            });

            TopicPartition y1 = TopicPartition.of("resume-y", 1);
            again.resetOffsets(Map.of(y1, 7L));
            Message reset = again.consume();
            assertThat(reset.topic()).isEqualTo("resume-y");
            assertThat(reset.partitionId()).isEqualTo(1);
            assertThat(reset.offset()).isEqualTo(7);
            assertThatThrownBy(() -> again.resetOffsets(Map.of(TopicPartition.of("resume-z", 0), 0L)))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("resume-z-0");

            again.resetOffsets(OffsetReset.EARLIEST);
            assertThat(again.lag()).hasSize(4).allSatisfy((partition, lag) -> assertThat(lag).isEqualTo(20));
        }
    }

    @Test
    void consumeBatchHandsOutWhatIsFetchedBoundedByItsSizeInPartitionOrderAndCommitsChosenOffsets() {
        List<String> topics = List.of("batch-a", "batch-b");
        topics.forEach(topic -> {
            client.createTopic(topic, 2, 1);
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 2, 0, 500, "none", BASE_TIME);
        });
        ConsumerConfig config = consumerConfig().consumerGroup("batch-takers").build();

        try (MultiTopicConsumer consumer = client.simpleConsumer(config, topics)) {
            assertThatThrownBy(() -> consumer.consumeBatch(0, Duration.ofSeconds(1)))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("1 or more");
            Map<TopicPartition, Long> lastOffset = new HashMap<>();
            int read = 0;
            int batches = 0;
            int largest = 0;
            while (read < 1000) {
                List<Message> batch = consumer.consumeBatch(64, Duration.ofSeconds(10));
                assertThat(batch).as("a batch after %d of 1000 records", read).isNotEmpty().hasSizeLessThanOrEqualTo(64);
                for (Message message : batch) {
                    TopicPartition partition = TopicPartition.of(message.topic(), message.partitionId());
                    assertThat(message.offset()).as("%s in order, none twice", message)
                            .isEqualTo(lastOffset.getOrDefault(partition, -1L) + 1);
                    lastOffset.put(partition, message.offset());
                }
                read += batch.size();
                largest = Math.max(largest, batch.size());
                batches++;
            }
            assertThat(read).isEqualTo(1000);
            assertThat(largest).as("batches take more than one record once fetched").isGreaterThan(1);
            assertThat(batches).isLessThan(1000);
            assertThat(consumer.consumeBatch(64, Duration.ofMillis(300))).as("nothing beyond what was written").isEmpty();

            TopicPartition a0 = TopicPartition.of("batch-a", 0);
            consumer.commitOffsetsAsync(Map.of(a0, 17L)).join();
            assertThat(consumer.fetchOffsets()).containsEntry(a0, 17L).containsEntry(TopicPartition.of("batch-b", 1), -1L);
            assertThatThrownBy(() -> consumer.commitOffsetsAsync(Map.of(TopicPartition.of("batch-c", 0), 1L)))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("batch-c");
        }
    }

    @Test
    void readsOnlyHandPickedPartitionsOfSeveralTopics() {
        client.createTopic("picked-1", 3, 1);
        client.createTopic("picked-2", 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), "picked-1", 3, 0, 30, "none", BASE_TIME);
        KafkaClientsWriter.write(cluster.bootstrapServers(), "picked-2", 2, 0, 20, "none", BASE_TIME);
        List<TopicPartition> picked = List.of(TopicPartition.of("picked-2", 0), TopicPartition.of("picked-1", 2));

        Set<TopicPartition> readFrom = new HashSet<>();
        try (MultiTopicConsumer consumer = client.simpleConsumer(consumerConfig().build(), picked)) {
            assertThat(consumer.partitions()).containsExactly(TopicPartition.of("picked-1", 2), TopicPartition.of("picked-2", 0));
            for (int i = 0; i < 20; i++) {
                Message message = consumer.consume();
                readFrom.add(TopicPartition.of(message.topic(), message.partitionId()));
            }
            assertThat(consumer.consume(Duration.ofMillis(300))).isNull();
        }
        assertThat(readFrom).containsExactlyInAnyOrderElementsOf(picked);

        assertThatThrownBy(() -> client.simpleConsumer(consumerConfig().build(), List.of(TopicPartition.of("picked-2", 5))))
                .isInstanceOf(UnknownPartitionException.class);
        assertThatThrownBy(() -> client.simpleConsumer(consumerConfig().build(), List.of("picked-1", "never-created")))
                .isInstanceOf(UnknownTopicException.class).hasMessageContaining("never-created");
        assertThatThrownBy(() -> client.simpleConsumer(consumerConfig().partitions(0).build(), List.of("picked-1")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("TopicPartition.of");
        assertThatThrownBy(() -> client.simpleConsumer(consumerConfig().consumerGroup("never-committed")
                .autoOffsetReset(OffsetReset.NONE).build(), List.of("picked-1", "picked-2")))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("no committed offset for topic 'picked-1' partitions [0, 1, 2] and topic"
                        + " 'picked-2' partitions [0, 1]");
    }

    /** The topic is created by someone else, so only the periodic metadata refresh can tell the consumer of it. */
    @Test
    void aPatternMatchingNothingSaysSoOnceThenReadsATopicCreatedLaterWithinTheMetadataMaxAge() {
        client.createTopic("pattern-seed", 1, 1);
        try (MultiTopicConsumer grouped = client.simpleConsumer(consumerConfig().consumerGroup("pattern-seed").build(),
                List.of("pattern-seed"))) {
            assertThat(grouped.fetchOffsets()).as("the group's offsets live in __consumer_offsets").hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.topics(true).containsKey("__consumer_offsets"));
        try (CapturedLog log = CapturedLog.start();
             MultiTopicConsumer consumer = client.simpleConsumer(consumerConfig().build(),
                     Pattern.compile("later-.*|__consumer_offsets"))) {
            assertThat(consumer.consume(Duration.ofMillis(1500))).isNull();
            assertThat(consumer.partitions()).as("internal topics never match").isEmpty();

            cluster.createTopic("later-1", 2, 1);
            KafkaClientsWriter.write(cluster.bootstrapServers(), "later-1", 2, 0, 10, "none", BASE_TIME);
            List<Message> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Message message = consumer.consume(Duration.ofMillis(200));
                if (message != null) {
                    read.add(message);
                }
                return read.size() == 10;
            });

            assertThat(read).allSatisfy(message -> assertThat(message.topic()).isEqualTo("later-1"));
            assertThat(consumer.partitions()).containsExactly(TopicPartition.of("later-1", 0), TopicPartition.of("later-1", 1));
            assertThat(log.lines("matches no topic yet")).hasSize(1);
        }
    }

    @Test
    void aDeletedTopicIsDroppedWithOneWarningWhileTheOthersAreReadOn() throws Exception {
        client.createTopic("stays", 2, 1);
        client.createTopic("doomed", 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), "stays", 2, 0, 10, "none", BASE_TIME);
        KafkaClientsWriter.write(cluster.bootstrapServers(), "doomed", 2, 0, 10, "none", BASE_TIME);

        try (CapturedLog log = CapturedLog.start();
             MultiTopicConsumer consumer = client.simpleConsumer(consumerConfig().build(), List.of("stays", "doomed"))) {
            for (int i = 0; i < 20; i++) {
                assertThat(consumer.consume()).isNotNull();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.deleteTopics(List.of("doomed")).all().get();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.consume(Duration.ofMillis(100));
                return consumer.topics().equals(Set.of("stays"));
            });
            assertThat(consumer.partitions()).containsExactly(TopicPartition.of("stays", 0), TopicPartition.of("stays", 1));

            KafkaClientsWriter.write(cluster.bootstrapServers(), "stays", 2, 10, 20, "none", BASE_TIME);
            for (int i = 0; i < 10; i++) {
                Message message = consumer.consume();
                assertThat(message).as("record %d written after the deletion", i).isNotNull();
                assertThat(message.topic()).isEqualTo("stays");
            }
            assertThat(log.lines("WARN", "doomed", "no longer exist")).hasSize(1);
        }
    }

    /** As a consumer of one topic promises: close() from another thread ends an iteration waiting for more at once. */
    @ParameterizedTest(name = "{0} consumer, closing the {1}")
    @CsvSource({"named, consumer", "named, client", "pattern, consumer"})
    void closingEndsAnIterationOverSeveralTopicsWaitingWithoutAConsumerTimeout(String form, String closed) {
        String prefix = "close-" + form + "-" + closed + "-";
        List<String> topics = List.of(prefix + "1", prefix + "2");
        topics.forEach(topic -> {
            client.createTopic(topic, 2, 1);
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 2, 0, 3, "none", BASE_TIME);
        });
        ConsumerConfig config = ConsumerConfig.builder().backend(backend()).consumerGroup(prefix + "group").autoCommit(true).build();
        MultiTopicConsumer consumer = form.equals("named") ? client.simpleConsumer(config, topics)
                : client.simpleConsumer(config, Pattern.compile(Pattern.quote(prefix) + ".*"));
        BackgroundIteration iteration = BackgroundIteration.of(consumer);
        iteration.awaitConsumed(6);

        if (closed.equals("client")) {
            client.close();
        } else {
            consumer.close();
        }

        iteration.awaitEndedQuietly();
        assertThatThrownBy(consumer::consume).isInstanceOf(ClientClosedException.class);
    }
}

package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.gregor.BrokerErrorException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownTopicException;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records and offsets of a topic whose three partitions are led by the three brokers, ten records each. */
@KafkaCluster(brokers = 3)
class RecordAdminTest {

    private static final long BASE = 1_700_000_000_000L;
    private static final int RECORDS = 10;
    /** The offset whose record carries the greatest timestamp, though it is not the last. */
    private static final int LATEST_STAMPED = 6;

    private final KafkaClient client;
    private final Admin admin;
    private final String name = "admin-records-" + UUID.randomUUID();
    private final List<TopicPartition> partitions = List.of(new TopicPartition(name, 0), new TopicPartition(name, 1),
            new TopicPartition(name, 2));

    RecordAdminTest(EmbeddedKafkaCluster cluster) {
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        this.admin = client.admin();
    }

    @BeforeEach
    void produceStampedRecords() {
        admin.createTopic(TopicSpec.withAssignment(name, Map.of(0, List.of(0), 1, List.of(1), 2, List.of(2))));
        try (Producer producer = client.topic(name).producer()) {
            for (int partition = 0; partition < 3; partition++) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(ProducerRecord.of("p" + partition + "-" + i).withPartition(partition)
                            .withTimestamp(timestampOf(i)));
                }
            }
            producer.flush();
        }
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static long timestampOf(int offset) {
        return offset == LATEST_STAMPED ? BASE + 100_000 : BASE + offset * 1_000L;
    }

    @Test
    void offsetsEarliestLatestByTimeAndOfTheGreatestTimestampAreWhatWasProduced() {
        assertThat(admin.offsets(partitions, OffsetSpec.earliest()).values()).extracting(ListedOffset::offset)
                .containsExactly(0L, 0L, 0L);
        assertThat(admin.offsets(partitions, OffsetSpec.latest()).values()).extracting(ListedOffset::offset)
                .containsExactly(10L, 10L, 10L);
        assertThat(admin.offsets(partitions, OffsetSpec.atTime(Instant.ofEpochMilli(BASE + 3_500))).values())
                .allSatisfy(found -> {
                    assertThat(found.offset()).isEqualTo(4);
                    assertThat(found.timestamp()).contains(Instant.ofEpochMilli(BASE + 4_000));
                    assertThat(found.leaderEpoch()).isPresent();
                });
        assertThat(admin.offsets(partitions, OffsetSpec.maxTimestamp()).values()).allSatisfy(found -> {
            assertThat(found.offset()).isEqualTo(LATEST_STAMPED);
            assertThat(found.timestamp()).contains(Instant.ofEpochMilli(BASE + 100_000));
        });
        assertThat(admin.offsets(partitions, OffsetSpec.atTime(Instant.ofEpochMilli(BASE + 200_000))).values())
                .allSatisfy(found -> {
                    assertThat(found.offset()).isEqualTo(RECORDS);
                    assertThat(found.timestamp()).isEmpty();
                });
    }

    @Test
    void deletedRecordsMoveTheLowWatermarkWhereAConsumerFromTheEarliestStarts() {
        Map<TopicPartition, Long> watermarks = admin.deleteRecords(Map.of(partitions.get(0), 4L,
                partitions.get(1), Admin.ALL_RECORDS, partitions.get(2), 0L));

        assertThat(watermarks).containsExactlyInAnyOrderEntriesOf(Map.of(partitions.get(0), 4L,
                partitions.get(1), 10L, partitions.get(2), 0L));
        assertThat(admin.offsets(partitions, OffsetSpec.earliest()).values()).extracting(ListedOffset::offset)
                .containsExactly(4L, 10L, 0L);
        Topic topic = client.topic(name);
        try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.defaults().withPartitions(topic.partition(0)))) {
            Message first = consumer.consume(Duration.ofSeconds(30));
            assertThat(first.offset()).isEqualTo(4);
            assertThat(first.valueAsString()).isEqualTo("p0-4");
        }
    }

    @Test
    void deletingBeyondTheHighWatermarkNamesThePartitionAndItsRange() {
        admin.deleteRecords(Map.of(partitions.get(0), 3L));

        assertThatThrownBy(() -> admin.deleteRecords(Map.of(partitions.get(0), 50L)))
                .isInstanceOf(BrokerErrorException.class)
                .hasMessageContaining("topic '" + name + "' partition 0 before offset 50")
                .hasMessageContaining("OFFSET_OUT_OF_RANGE (the partition holds offsets 3 to 10");
        assertThatThrownBy(() -> admin.deleteRecords(Map.of(partitions.get(1), -5L)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("-5");
        assertThatThrownBy(() -> admin.deleteRecords(Map.of(new TopicPartition(name + "-missing", 0), 1L)))
                .isInstanceOf(UnknownTopicException.class);
        assertThat(admin.offsets(partitions, OffsetSpec.earliest()).get(partitions.get(0)))
                .isEqualTo(new ListedOffset(3, Optional.empty(), admin.offsets(List.of(partitions.get(0)),
                        OffsetSpec.earliest()).get(partitions.get(0)).leaderEpoch()));
    }
}

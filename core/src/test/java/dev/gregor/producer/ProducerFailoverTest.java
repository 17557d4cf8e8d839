package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.gregor.Backend;
import dev.gregor.ClientClosedException;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class ProducerFailoverTest {

    private static final int RECORDS = 20_000;

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @Test
    void aBatchThatExpiredWhileItsLeaderWasDownLeavesTheRecordsAfterItDelivered(EmbeddedKafkaCluster cluster) throws Exception {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic("expiry", 1, 1);
            int leader = topic.partition(0).leader().orElseThrow().id();
            List<CompletableFuture<DeliveryReport>> delivered = new ArrayList<>();
            CompletableFuture<DeliveryReport> expired;
            try (Producer producer = topic.producer(ProducerConfig.builder().backend(backend())
                    .deliveryTimeout(Duration.ofSeconds(10)).build())) {
                for (int i = 0; i < 5; i++) {
                    delivered.add(producer.send(ProducerRecord.of("before-" + i)));
                }
                producer.flush();
                cluster.killBroker(leader);
                try {
                    expired = producer.send(ProducerRecord.of("expired"));
                    assertThatThrownBy(() -> expired.get(60, TimeUnit.SECONDS)).cause()
                            .isInstanceOf(DeliveryException.class).hasMessageContaining("deliveryTimeout");
                } finally {
                    cluster.startBroker(leader);
                }
                awaitLeader(cluster, "expiry");
                for (int i = 0; i < 5; i++) {
                    delivered.add(producer.send(ProducerRecord.of("after-" + i)));
                }
            }

            for (int i = 0; i < delivered.size(); i++) {
                assertThat(delivered.get(i).get(30, TimeUnit.SECONDS).offset()).as("offset of record %d", i).isEqualTo(i);
            }
            assertThat(KafkaClientsReader.readAll(cluster.bootstrapServers(), "expiry", 10))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly("before-0", "before-1", "before-2", "before-3", "before-4",
                            "after-0", "after-1", "after-2", "after-3", "after-4");
        }
    }

    @Test
    void closeWithATimeoutReturnsSoonAndFailsWhatTheUnreachableLeaderDidNotAcknowledge(EmbeddedKafkaCluster cluster)
            throws Exception {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic("close-unreachable", 1, 1);
            int leader = topic.partition(0).leader().orElseThrow().id();
            Producer producer = topic.producer(ProducerConfig.builder().backend(backend())
                    .deliveryTimeout(Duration.ofSeconds(120)).build());
            List<CompletableFuture<DeliveryReport>> undelivered = new ArrayList<>();
            long closedAfterNanos;
            try {
                producer.send(ProducerRecord.of("delivered")).get(30, TimeUnit.SECONDS);
                cluster.killBroker(leader);
                for (int i = 0; i < 10; i++) {
                    undelivered.add(producer.send(ProducerRecord.of("undelivered-" + i)));
                }
                long start = System.nanoTime();
                producer.close(Duration.ofSeconds(1));
                closedAfterNanos = System.nanoTime() - start;
            } finally {
                cluster.startBroker(leader);
            }

            // Far below the delivery timeout (what a plain close() would wait), with room for a busy machine.
            assertThat(Duration.ofNanos(closedAfterNanos)).isLessThan(Duration.ofSeconds(30));
            assertThat(undelivered).allSatisfy(future -> assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("'close-unreachable'")
                    .hasMessageContaining("producer was closed"));
            assertThatThrownBy(() -> producer.produce("late".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ClientClosedException.class);
        }
    }

    /**
     * One idempotent producer ({@code acks=all}) writes to ten topics (RF 3) while the leader of some of their
     * partitions is SIGKILLed, then restarted: its flush and close return, and every record is written once, in
     * order, although batches in flight to the killed broker got no answer.
     */
    @Test
    void aLeaderKilledWhileProducingToTenTopicsLosesDuplicatesAndReordersNothing(EmbeddedKafkaCluster cluster)
            throws Exception {
        List<String> topics = IntStream.range(0, 10).mapToObj(i -> "bounce-" + i).toList();
        int records = RECORDS;
        List<CompletableFuture<DeliveryReport>> reports = new ArrayList<>();
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            // Through the client, which returns once it sees every new partition led: a topic created by an Admin
            // can still be unknown to the broker the client asks next (it failed once in CI that way).
            topics.forEach(name -> client.createTopic(name, 3, 3));
            Producer producer = client.topic("bounce-0").producer(ProducerConfig.builder().backend(backend())
                    .idempotence(true).acks(Acks.ALL).linger(Duration.ofMillis(2)).batchSize(4096).build());
            int killed = client.topic("bounce-0").partition(0).leader().orElseThrow().id();
            try {
                for (int i = 0; i < records; i++) {
                    if (i == records / 3) {
                        cluster.killBroker(killed);
                    }
                    ProducerRecord record = ProducerRecord.of(Integer.toString(i)).withPartition(i / 10 % 3);
                    // The producer is bound to bounce-0 and names the other nine topics.
                    reports.add(i % 10 == 0 ? producer.send(record) : producer.send(topics.get(i % 10), record));
                }
                assertTimeoutPreemptively(Duration.ofSeconds(90), producer::flush, "flush() with a leader killed");
            } finally {
                cluster.startBroker(killed);
            }
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> producer.close(), "close() after the flush");
        }
        for (CompletableFuture<DeliveryReport> report : reports) {
            assertThat(report.get(60, TimeUnit.SECONDS).delivered()).isTrue();
        }

        List<ConsumerRecord<byte[], byte[]>> read = KafkaClientsReader.readAll(cluster.bootstrapServers(), topics, records);

        assertThat(read).hasSize(records);
        Map<String, List<Integer>> perPartition = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read) {
            perPartition.computeIfAbsent(record.topic() + "-" + record.partition(), p -> new ArrayList<>())
                    .add(Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8)));
        }
        Map<String, List<Integer>> expected = new HashMap<>();
        for (int i = 0; i < records; i++) {
            expected.computeIfAbsent(topics.get(i % 10) + "-" + (i / 10 % 3), p -> new ArrayList<>()).add(i);
        }
        assertThat(perPartition.keySet()).isEqualTo(expected.keySet());
        expected.forEach((partition, values) -> assertThat(perPartition.get(partition))
                .as("%s, in order, once each", partition).containsExactlyElementsOf(values));
    }

    private static void awaitLeader(EmbeddedKafkaCluster cluster, String topic) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (KafkaClient fresh = KafkaClient.connect(cluster.bootstrapServers())) {
                return fresh.topic(topic).partition(0).leader().isPresent();
            }
        });
    }
}

package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3, isolated = true)
class ProducerFailoverTest {

    private static final int RECORDS = 20_000;

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @Test
    void stoppingALeaderMidStreamLosesAndDuplicatesNothing(EmbeddedKafkaCluster cluster) throws Exception {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic("failover", 3, 3);
            int leader = topic.partition(0).leader().orElseThrow().id();
            List<CompletableFuture<DeliveryReport>> reports = new ArrayList<>();
            try (Producer producer = topic.producer(ProducerConfig.builder().backend(backend())
                    .acks(Acks.ALL).linger(Duration.ofMillis(2)).batchSize(4096).build())) {
                for (int i = 0; i < RECORDS; i++) {
                    if (i == RECORDS / 3) {
                        cluster.stopBroker(leader);
                    }
                    reports.add(producer.send(ProducerRecord.of(Integer.toString(i)).withPartition(i % 3)));
                }
                producer.flush();
            } finally {
                cluster.startBroker(leader);
            }
            for (CompletableFuture<DeliveryReport> report : reports) {
                assertThat(report.get(60, TimeUnit.SECONDS).delivered()).isTrue();
            }

            List<ConsumerRecord<byte[], byte[]>> read = KafkaClientsReader.readAll(cluster.bootstrapServers(), "failover", RECORDS);

            assertThat(read).hasSize(RECORDS);
            Map<Integer, List<Integer>> perPartition = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : read) {
                perPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8)));
            }
            for (int partition = 0; partition < 3; partition++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = partition; i < RECORDS; i += 3) {
                    expected.add(i);
                }
                assertThat(perPartition.get(partition)).as("partition %d, in order, once each", partition)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}

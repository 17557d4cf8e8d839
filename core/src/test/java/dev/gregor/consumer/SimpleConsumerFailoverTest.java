package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class SimpleConsumerFailoverTest {

    private static final int RECORDS = 30_000;

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @Test
    void aLeaderStoppedMidConsumeSkipsAndRepeatsNothing(EmbeddedKafkaCluster cluster) {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic("consume-failover", 3, 3);
            KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 3, 0, RECORDS, "lz4", 0L);
            int leader = topic.partition(0).leader().orElseThrow().id();
            Map<Integer, List<Integer>> perPartition = new HashMap<>();
            try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder().backend(backend())
                    .queuedMaxMessages(500).maxPartitionFetchBytes(16 * 1024)
                    .consumerTimeout(Duration.ofSeconds(20)).build())) {
                int consumed = 0;
                for (Message message : consumer) {
                    perPartition.computeIfAbsent(message.partitionId(), p -> new ArrayList<>())
                            .add(Integer.parseInt(message.valueAsString().substring("value-".length())));
                    if (++consumed == RECORDS / 4) {
                        cluster.stopBroker(leader);
                    }
                    if (consumed == RECORDS) {
                        break;
                    }
                }
            } finally {
                cluster.startBroker(leader);
            }

            for (int partition = 0; partition < 3; partition++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = partition; i < RECORDS; i += 3) {
                    expected.add(i);
                }
                assertThat(perPartition.get(partition)).as("partition %d in order, none skipped or repeated", partition)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}

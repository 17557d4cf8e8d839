package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class SimpleConsumerFailoverTest {

    private static final int RECORDS = 30_000;
    private static final int PER_TOPIC = 3_000;
    private static final List<String> SEVERAL = List.of("killed-under-a", "killed-under-b");

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    /**
     * A leader of three brokers is SIGKILLed while a consumer of one topic, one of two named topics and one of the
     * same two by pattern read side by side, keeping their own offsets, all of them mid-read: all three read on
     * from the new leaders, each record once, in partition order.
     */
    @Test
    void aLeaderKilledMidConsumeSkipsAndRepeatsNothingForOneTopicSeveralOrAPattern(EmbeddedKafkaCluster cluster) {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            client.createTopic("consume-failover", 3, 3);
            KafkaClientsWriter.write(cluster.bootstrapServers(), "consume-failover", 3, 0, RECORDS, "lz4", 0L);
            for (String topic : SEVERAL) {
                client.createTopic(topic, 3, 3);
                KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 3, 0, PER_TOPIC, "lz4", 0L);
            }
            int leader = client.topic("consume-failover").partition(0).leader().orElseThrow().id();
            ConsumerConfig config = ConsumerConfig.builder().backend(backend())
                    .queuedMaxMessages(500).maxPartitionFetchBytes(16 * 1024).build();
            try (SimpleConsumer one = client.topic("consume-failover").simpleConsumer(config);
                 MultiTopicConsumer named = client.simpleConsumer(config, SEVERAL);
                 MultiTopicConsumer matched = client.simpleConsumer(config, Pattern.compile("killed-under-.*"))) {
                List<Reader> readers = List.of(new Reader("one topic", one::consume, List.of("consume-failover"), RECORDS),
                        new Reader("named topics", named::consume, SEVERAL, PER_TOPIC),
                        new Reader("pattern", matched::consume, SEVERAL, PER_TOPIC));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (readers.stream().anyMatch(Reader::unfinished) && System.nanoTime() < deadline) {
                    readers.forEach(Reader::readOne);
                    if (readers.get(0).count == PER_TOPIC / 2 && cluster.isBrokerRunning(leader)) {
                        cluster.killBroker(leader);
                    }
                }

                readers.forEach(Reader::assertReadOnceInOrder);
            } finally {
                if (!cluster.isBrokerRunning(leader)) {
                    cluster.startBroker(leader);
                }
            }
        }
    }

    /** One consumer's reads, per partition, checked against what was written. */
    private static final class Reader {

        private final String name;
        private final Function<Duration, Message> next;
        private final List<String> topics;
        private final int perTopic;
        private final Map<TopicPartition, List<Integer>> read = new HashMap<>();
        private int count;

        Reader(String name, Function<Duration, Message> next, List<String> topics, int perTopic) {
            this.name = name;
            this.next = next;
            this.topics = topics;
            this.perTopic = perTopic;
        }

        boolean unfinished() {
            return count < topics.size() * perTopic;
        }

        void readOne() {
            Message message = unfinished() ? next.apply(Duration.ofMillis(50)) : null;
            if (message != null) {
                count++;
                read.computeIfAbsent(TopicPartition.of(message.topic(), message.partitionId()), p -> new ArrayList<>())
                        .add(Integer.parseInt(message.valueAsString().substring("value-".length())));
            }
        }

        /** Record i of each topic went to partition i % 3. */
        void assertReadOnceInOrder() {
            for (String topic : topics) {
                for (int partition = 0; partition < 3; partition++) {
                    List<Integer> expected = new ArrayList<>();
                    for (int i = partition; i < perTopic; i += 3) {
                        expected.add(i);
                    }
                    assertThat(read.get(TopicPartition.of(topic, partition)))
                            .as("%s consumer: %s-%d in order, none skipped or repeated", name, topic, partition)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }
}

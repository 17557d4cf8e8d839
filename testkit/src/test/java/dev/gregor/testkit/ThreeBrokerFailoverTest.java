package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class ThreeBrokerFailoverTest {

    private static final String TOPIC = "failover";

    private final EmbeddedKafkaCluster cluster;
    private final Admin admin;

    ThreeBrokerFailoverTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @AfterEach
    void closeAdminAndHeal() {
        admin.close();
        cluster.heal();
    }

    @Test
    void servesAReplicatedTopicThroughABrokerStopAndRejoinsOnStart() throws Exception {
        cluster.createTopic(TOPIC, 1, 3);
        TopicPartitionInfo partition = describe().partitions().get(0);
        assertThat(partition.replicas()).hasSize(3);
        assertThat(partition.isr()).hasSize(3);

        produce(0, 100);
        int leader = partition.leader().id();
        cluster.stopBroker(leader);
        assertThat(cluster.isBrokerRunning(leader)).isFalse();
        assertThat(cluster.directory().resolve("broker-" + leader).resolve("data").resolve(".kafka_cleanshutdown"))
                .as("Kafka's clean shutdown marker after stopBroker (ClusterFaultsTest checks killBroker leaves none)")
                .exists();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Node newLeader = describe().partitions().get(0).leader();
            return newLeader != null && newLeader.id() != leader;
        });
        produce(100, 200);
        assertThat(consumeAll(200)).containsExactlyElementsOf(values(0, 200));

        cluster.startBroker(leader);
        assertThat(cluster.isBrokerRunning(leader)).isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(admin.describeCluster().nodes().get().stream().map(Node::id)).contains(leader);
            assertThat(describe().partitions().get(0).isr().stream().map(Node::id)).contains(leader);
        });
    }

    private TopicDescription describe() throws Exception {
        return admin.describeTopics(Set.of(TOPIC)).allTopicNames().get().get(TOPIC);
    }

    private void produce(int from, int to) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values(from, to)) {
                producer.send(new ProducerRecord<>(TOPIC, value)).get();
            }
        }
    }

    private List<String> consumeAll(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static List<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "record-" + i).collect(Collectors.toList());
    }
}

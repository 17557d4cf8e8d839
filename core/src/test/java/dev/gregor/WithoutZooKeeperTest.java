package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gregor-core without its optional ZooKeeper dependencies, as most applications use it. Runs only in the
 * {@code without-zookeeper} surefire execution, whose class path lacks Curator, ZooKeeper and Guava.
 */
@KafkaCluster
class WithoutZooKeeperTest {

    private final KafkaClient client;

    WithoutZooKeeperTest(EmbeddedKafkaCluster cluster) {
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    @BeforeAll
    static void theClassPathHasNoZooKeeper() {
        assumeTrue(Boolean.getBoolean("gregor.test.without-zookeeper"),
                "runs in the without-zookeeper surefire execution only");
        for (String absent : List.of("org.apache.zookeeper.ZooKeeper", "org.apache.curator.framework.CuratorFramework",
                "com.google.common.collect.ImmutableList")) {
            assertThatThrownBy(() -> Class.forName(absent)).as(absent).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aZooKeeperBalancedConsumerIsAClearErrorNamingTheArtifact() {
        Topic topic = client.createTopic("zookeeper-balanced", 1, 1);

        assertThatThrownBy(() -> topic.balancedConsumer(ConsumerConfig.builder().consumerGroup("zk")
                .zookeeperConnect("127.0.0.1:2181").build()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("org.apache.curator:curator-framework")
                .hasMessageContaining("managed(true)");
    }

    @Test
    void producersSimpleAndManagedConsumersNeedNoZooKeeper() {
        Topic topic = client.createTopic("no-zookeeper", 2, 1);
        List<String> sent = List.of("a", "b", "c", "d", "e", "f");
        try (Producer producer = topic.producer(ProducerConfig.builder().sync(true).build())) {
            sent.forEach(value -> producer.produce(value.getBytes(StandardCharsets.UTF_8)));
        }

        try (SimpleConsumer simple = topic.simpleConsumer(ConsumerConfig.builder()
                .consumerTimeout(Duration.ofSeconds(5)).build())) {
            assertThat(values(simple)).containsExactlyInAnyOrderElementsOf(sent);
        }
        try (BalancedConsumer managed = topic.balancedConsumer(ConsumerConfig.builder().consumerGroup("managed")
                .managed(true).consumerTimeout(Duration.ofSeconds(5)).build())) {
            assertThat(values(managed)).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static List<String> values(Iterable<Message> consumer) {
        List<String> values = new ArrayList<>();
        consumer.forEach(message -> values.add(message.valueAsString()));
        return values;
    }
}

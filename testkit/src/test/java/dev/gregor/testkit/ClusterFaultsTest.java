package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker and leadership faults of {@link EmbeddedKafkaCluster} on the shared 3-broker cluster, healed after each
 * test.
 */
@KafkaCluster(brokers = 3)
class ClusterFaultsTest {

    private static final Duration FAILOVER = Duration.ofSeconds(60);

    private final EmbeddedKafkaCluster cluster;

    ClusterFaultsTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void everyBrokerServesAgain() {
        cluster.heal();
    }

    @Test
    void describesAPartitionsLeaderReplicasAndInSyncReplicas() {
        cluster.createTopic("described", 1, 3);

        List<Integer> replicas = cluster.replicas("described", 0);
        assertThat(replicas).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(cluster.leader("described", 0)).isEqualTo(OptionalInt.of(replicas.get(0)));
        assertThat(cluster.inSyncReplicas("described", 0)).containsExactlyInAnyOrder(0, 1, 2);
        assertThatThrownBy(() -> cluster.leader("described", 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("described-5").hasMessageContaining("has no partition 5 (it has 1)");
    }

    @Test
    void killIsASigkillOfTheBrokersOwnJvmThatLeavesNoCleanShutdownAndHealStartsItAgain() {
        long pid = cluster.brokerPid(2);
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow();
        assertThat(jvm.info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("java"));
        assertThat(jvm.parent()).as("started by this JVM, not behind a wrapper").contains(ProcessHandle.current());

        cluster.killBroker(2);

        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(cleanShutdownMarker(2)).as("Kafka's clean shutdown marker after killBroker").doesNotExist();
        assertThat(cluster.isBrokerRunning(2)).isFalse();
        assertThatThrownBy(() -> cluster.brokerPid(2)).hasMessageContaining("not running");
        assertThatThrownBy(() -> cluster.moveLeader("anything", 0, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Could not move the leadership of anything-0 to broker 2: broker 2 is not running;"
                        + " start it first");

        cluster.heal();

        assertThat(cluster.isBrokerRunning(2)).as("killed broker running after heal()").isTrue();
        assertThat(ProcessHandle.of(cluster.brokerPid(2))).as("its new JVM").isPresent();
    }

    @Test
    void restartKeepsTheBrokersDataAndPreferredElectionGivesItsLeadershipBack() throws Exception {
        cluster.createTopic("bounced", 1, 3);
        int preferred = cluster.replicas("bounced", 0).get(0);
        cluster.createTopic("single-copy", 3, 1);
        int local = IntStream.range(0, 3).filter(p -> cluster.replicas("single-copy", p).equals(List.of(preferred)))
                .findFirst().orElseThrow();
        produce("single-copy", local, 20);
        long pid = cluster.brokerPid(preferred);

        cluster.restartBroker(preferred);

        assertThat(cluster.isBrokerRunning(preferred)).isTrue();
        assertThat(cluster.brokerPid(preferred)).isNotEqualTo(pid);
        assertThat(consume("single-copy", local, 20)).containsExactlyElementsOf(values(20));
        assertThat(cluster.leader("bounced", 0)).as("leader after the preferred leader's clean restart")
                .isPresent().isNotEqualTo(OptionalInt.of(preferred));

        cluster.electPreferredLeaders("bounced");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(cluster.leader("bounced", 0)).hasValue(preferred));
    }

    @Test
    void pauseFreezesTheBrokerSoTheControllerFencesItUntilResumed() throws Exception {
        cluster.createTopic("frozen-leader", 1, 3);
        int leader = cluster.leader("frozen-leader", 0).orElseThrow();

        cluster.pauseBroker(leader);

        assertThat(cluster.isBrokerPaused(leader)).isTrue();
        assertThat(cluster.isBrokerRunning(leader)).isTrue();
        assertThat(answersWithin(leader, Duration.ofSeconds(2))).as("a paused broker answers").isFalse();
        assertThatThrownBy(() -> cluster.moveLeader("frozen-leader", 0, leader))
                .hasMessageEndingWith("broker " + leader + " is paused; resume it first");
        // A read may fail while a broker is frozen (the pauseBroker Javadoc says why); the leader must move all the same.
        await().atMost(FAILOVER).ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> cluster.leader("frozen-leader", 0).orElse(leader) != leader);

        cluster.resumeBroker(leader);

        assertThat(cluster.isBrokerPaused(leader)).isFalse();
        assertThat(answersWithin(leader, Duration.ofSeconds(10))).as("a resumed broker answers").isTrue();
        await().atMost(FAILOVER).until(() -> cluster.inSyncReplicas("frozen-leader", 0).contains(leader));
    }

    @Test
    void moveLeaderPutsTheChosenReplicaFirstAndReturnsOnceItLeads() {
        cluster.createTopic("moved", 2, 3);
        int leader = cluster.leader("moved", 1).orElseThrow();
        int chosen = (leader + 1) % 3;

        cluster.moveLeader("moved", 1, chosen);

        // Every broker's metadata shows the move within moments; the one asked may still trail it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.leader("moved", 1)).hasValue(chosen);
            assertThat(cluster.replicas("moved", 1)).hasSize(3).startsWith(chosen).containsExactlyInAnyOrder(0, 1, 2);
        });
    }

    @Test
    void moveLeaderToABrokerWithoutAReplicaReassignsAndKeepsTheReplicationFactor() {
        cluster.createTopic("moved-away", 1, 2);
        Set<Integer> outside = new HashSet<>(Set.of(0, 1, 2));
        outside.removeAll(cluster.replicas("moved-away", 0));
        int newcomer = outside.iterator().next();

        cluster.moveLeader("moved-away", 0, newcomer);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.leader("moved-away", 0)).hasValue(newcomer);
            assertThat(cluster.replicas("moved-away", 0)).hasSize(2).startsWith(newcomer);
            assertThat(cluster.inSyncReplicas("moved-away", 0)).contains(newcomer);
        });
    }

    /** The file Kafka writes into its log directory at the end of a clean shutdown. */
    private Path cleanShutdownMarker(int broker) {
        return cluster.directory().resolve("broker-" + broker).resolve("data").resolve(".kafka_cleanshutdown");
    }

    /** Whether the broker itself answers a metadata request within {@code timeout}. */
    private boolean answersWithin(int broker, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + cluster.brokerPorts().get(broker)))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException noAnswer) {
            return false;
        }
    }

    private void produce(String topic, int partition, int count) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values(count)) {
                producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
            }
        }
    }

    private List<String> consume(String topic, int partition, int expected) {
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition assigned = new TopicPartition(topic, partition);
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
            await().atMost(FAILOVER).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static List<String> values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "record-" + i).toList();
    }
}

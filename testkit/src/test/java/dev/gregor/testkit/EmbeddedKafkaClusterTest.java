package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

@KafkaCluster
class EmbeddedKafkaClusterTest {

    private final EmbeddedKafkaCluster cluster;

    EmbeddedKafkaClusterTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void createsTopicsWhosePartitionsAllHaveLeaders() throws Exception {
        cluster.createTopic("six-partitions", 6, 1);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(Set.of("six-partitions")).allTopicNames().get()
                    .get("six-partitions");
            assertThat(topic.partitions()).hasSize(6).allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        }
    }

    @Test
    void refusedTopicsFailWithKafkasReason() {
        cluster.createTopic("taken", 1, 1);

        assertThatThrownBy(() -> cluster.createTopic("taken", 1, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'taken'")
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> cluster.createTopic("too-many-replicas", 1, 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replication factor");
    }

    @Test
    void badArgumentsNameTheAllowedValues() {
        assertThatThrownBy(cluster::zookeeperConnect)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("zookeeper(true)");
        assertThatThrownBy(() -> cluster.stopBroker(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokers 0 to 0");
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 9");
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().firstBrokerPort(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstBrokerPort");
    }

    @Test
    void closeStopsEveryProcessAndDeletesItsData() {
        EmbeddedKafkaCluster own = EmbeddedKafkaCluster.builder().zookeeper(true).start();
        Path directory = own.directory();
        List<Integer> ports = List.of(own.brokerPorts().get(0), own.zookeeperPort());
        assertThat(ports).allMatch(EmbeddedKafkaClusterTest::accepts);

        own.close();

        assertThat(directory).doesNotExist();
        assertThat(ports).noneMatch(EmbeddedKafkaClusterTest::accepts);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }
}

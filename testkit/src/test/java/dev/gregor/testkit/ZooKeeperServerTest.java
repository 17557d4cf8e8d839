package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

@KafkaCluster(zookeeper = true)
class ZooKeeperServerTest {

    @Test
    void acceptsSessionsThatStoreAndReadNodes(EmbeddedKafkaCluster cluster) throws Exception {
        try (ZooKeeper client = connect(cluster)) {
            client.create("/greeting", "hello".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT);

            assertThat(new String(client.getData("/greeting", false, null), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void expiringASessionRemovesItsEphemeralNodes(EmbeddedKafkaCluster cluster) throws Exception {
        try (ZooKeeper owner = connect(cluster); ZooKeeper observer = connect(cluster)) {
            owner.create("/member", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            assertThat(observer.exists("/member", false)).isNotNull();

            cluster.zookeeper().expireSession(owner.getSessionId());

            await().atMost(Duration.ofSeconds(10)).until(() -> observer.exists("/member", false) == null);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> owner.getData("/member", false, null))
                            .isInstanceOf(KeeperException.SessionExpiredException.class));
        }
    }

    private static ZooKeeper connect(EmbeddedKafkaCluster cluster) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(cluster.zookeeperConnect(), 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("connected to " + cluster.zookeeperConnect()).isTrue();
        return client;
    }
}

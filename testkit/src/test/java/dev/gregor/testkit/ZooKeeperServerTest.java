package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
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
            assertThat(cluster.zookeeperSessions()).contains(owner.getSessionId(), observer.getSessionId());

            cluster.expireZookeeperSession(owner.getSessionId());

            await().atMost(Duration.ofSeconds(10)).until(() -> observer.exists("/member", false) == null);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> owner.getData("/member", false, null))
                            .isInstanceOf(KeeperException.SessionExpiredException.class));
            assertThat(cluster.zookeeperSessions()).doesNotContain(owner.getSessionId());
        }
    }

    @Test
    void expiringAnUnknownSessionFailsListingTheLiveOnes(EmbeddedKafkaCluster cluster) throws Exception {
        try (ZooKeeper live = connect(cluster)) {
            assertThatThrownBy(() -> cluster.expireZookeeperSession(0x2a))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("ZooKeeper has no live session 0x2a; live sessions: [")
                    .hasMessageContaining("0x" + Long.toHexString(live.getSessionId()));
        }
    }

    @Test
    void restartKeepsThePortAndTheLiveSessionsWithTheirEphemeralNodes(EmbeddedKafkaCluster cluster) throws Exception {
        List<Watcher.Event.KeeperState> states = new CopyOnWriteArrayList<>();
        int port = cluster.zookeeperPort();
        try (ZooKeeper owner = connect(cluster, states)) {
            long session = owner.getSessionId();
            owner.create("/survivor", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

            cluster.stopZookeeper();

            assertThat(cluster.isZookeeperRunning()).isFalse();
            assertThat(accepts(port)).as("port %d accepts while stopped", port).isFalse();
            assertThatThrownBy(cluster::zookeeperSessions).hasMessageContaining("ZooKeeper is stopped; start it first");
            await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(Watcher.Event.KeeperState.Disconnected));

            cluster.startZookeeper();

            assertThat(cluster.isZookeeperRunning()).isTrue();
            assertThat(cluster.zookeeperPort()).isEqualTo(port);
            await().atMost(Duration.ofSeconds(10)).until(() -> states.lastIndexOf(Watcher.Event.KeeperState.SyncConnected)
                    > states.indexOf(Watcher.Event.KeeperState.Disconnected));
            assertThat(owner.getSessionId()).isEqualTo(session);
            assertThat(states).doesNotContain(Watcher.Event.KeeperState.Expired);
            assertThat(cluster.zookeeperSessions()).contains(session);
            try (ZooKeeper observer = connect(cluster)) {
                assertThat(observer.exists("/survivor", false)).as("the live session's ephemeral node").isNotNull();
                assertThat(observer.exists("/survivor", false).getEphemeralOwner()).isEqualTo(session);
            }
        }
    }

    @AfterEach
    void zookeeperRunsAgain(EmbeddedKafkaCluster cluster) {
        cluster.startZookeeper();
    }

    private static ZooKeeper connect(EmbeddedKafkaCluster cluster) throws Exception {
        return connect(cluster, new CopyOnWriteArrayList<>());
    }

    /** A client with a 10 s session that records every connection state it goes through in {@code states}. */
    private static ZooKeeper connect(EmbeddedKafkaCluster cluster, List<Watcher.Event.KeeperState> states)
            throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(cluster.zookeeperConnect(), 10_000, event -> {
            if (event.getType() == Watcher.Event.EventType.None) {
                states.add(event.getState());
            }
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("connected to " + cluster.zookeeperConnect()).isTrue();
        return client;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }
}

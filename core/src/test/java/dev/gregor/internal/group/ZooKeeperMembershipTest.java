package dev.gregor.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.gregor.ZooKeeperUnavailableException;
import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster(zookeeper = true)
class ZooKeeperMembershipTest {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 12;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REBALANCE = Duration.ofSeconds(10);
    /** How long a partition whose holder's session ended waits before another member claims it. */
    private static final Duration ORPHAN_GRACE = SESSION_TIMEOUT.multipliedBy(2).dividedBy(3);
    private static final Duration SLOW_COMMIT = Duration.ofMillis(500);

    private final EmbeddedKafkaCluster cluster;
    private final CuratorFramework observer;
    private final String group = "group-" + UUID.randomUUID();
    private final OwnershipLedger ledger = new OwnershipLedger();
    private final List<ZooKeeperMembership> started = new ArrayList<>();

    ZooKeeperMembershipTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.observer = CuratorFrameworkFactory.newClient(cluster.zookeeperConnect(), new RetryOneTime(100));
        observer.start();
    }

    @AfterEach
    void closeMembers() {
        started.forEach(ZooKeeperMembership::close);
        observer.close();
    }

    @Test
    void membersShareTheTopicEvenlyAndNeverReadAPartitionTwice() {
        Member a = join("member-a");
        awaitOwnership(Map.of(a, range(0, 12)));

        Member b = join("member-b");
        awaitOwnership(Map.of(a, range(0, 6), b, range(6, 12)));

        Member c = join("member-c");
        awaitOwnership(Map.of(a, range(0, 4), b, range(4, 8), c, range(8, 12)));

        long closing = System.nanoTime();
        b.membership().close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(CONNECTION_TIMEOUT);
        assertThat(b.listener().owned()).isEmpty();
        awaitOwnership(Map.of(a, range(0, 6), c, range(6, 12)));
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("a clean leave costs no orphan grace")
                .isLessThan(ORPHAN_GRACE);

        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void survivorTakesOverAfterTheOrphanGraceAndTheExpiredMemberRejoinsWithANewSession() throws Exception {
        Member a = join("member-a");
        Member c = join("member-c");
        long expiredSession = awaitHalves(a, c);

        c.listener().kill();
        long expiring = System.nanoTime();
        cluster.expireZookeeperSession(expiredSession);

        await().atMost(ORPHAN_GRACE.plus(REBALANCE)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertOwnership(Map.of(a, range(0, 12))));
        assertThat(Duration.ofNanos(System.nanoTime() - expiring)).as("takeover of an expired member's partitions")
                .isGreaterThanOrEqualTo(ORPHAN_GRACE);
        c.listener().revive();
        awaitOwnership(Map.of(a, range(0, 6), c, range(6, 12)));
        assertThat(c.membership().sessionId()).isNotEqualTo(expiredSession);
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void anExpiredMemberStopsAndFinishesCommittingBeforeAnotherMemberReadsItsPartitions() throws Exception {
        Member a = join("member-a");
        Member c = join("member-c");
        long expiredSession = awaitHalves(a, c);
        c.listener().slowCommits(SLOW_COMMIT);

        cluster.expireZookeeperSession(expiredSession);

        await().atMost(REBALANCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(c.membership().sessionId()).isNotEqualTo(expiredSession);
            assertThat(c.listener().revokesChecked()).isEqualTo(6);
            assertOwnership(Map.of(a, range(0, 6), c, range(6, 12)));
        });
    }

    @Test
    void revokesBeforeDeletingTheOwnerNode() {
        Member a = join("member-a");
        awaitOwnership(Map.of(a, range(0, 12)));
        Member b = join("member-b");
        awaitOwnership(Map.of(a, range(0, 6), b, range(6, 12)));

        b.membership().close();
        awaitOwnership(Map.of(a, range(0, 12)));

        for (Member member : List.of(a, b)) {
            assertThat(member.listener().revokesChecked()).isEqualTo(6);
            assertThat(member.listener().revokedWithoutOwnerNode()).isEmpty();
        }
    }

    @Test
    void ignoresMembersOfTheGroupThatReadOtherTopics() {
        Member other = join(cluster.zookeeperConnect(), observer, "member-0", "payments", 4);
        Member a = join("member-a");

        await().atMost(REBALANCE).untilAsserted(() -> {
            assertThat(a.listener().owned()).isEqualTo(range(0, 12));
            assertThat(other.listener().owned()).isEqualTo(range(0, 4));
        });
    }

    @Test
    void keepsItsNodesBelowTheChrootOfTheConnectString() throws Exception {
        String chroot = "gregor-test/" + group;
        Member a = join(cluster.zookeeperConnect() + "/" + chroot, observer.usingNamespace(chroot), "member-a", TOPIC,
                PARTITIONS);

        await().atMost(REBALANCE).untilAsserted(() -> assertThat(a.listener().owned()).isEqualTo(range(0, 12)));
        assertThat(observer.checkExists().forPath("/" + chroot + "/consumers/" + group + "/ids/member-a")).isNotNull();
        assertThat(observer.checkExists().forPath("/consumers/" + group)).isNull();
    }

    @Test
    void failsClearlyWithinTheConnectionTimeoutWhenZooKeeperIsUnreachable() throws IOException {
        String unreachable = "127.0.0.1:" + freePort();
        ZooKeeperMembership membership = membership(unreachable, "member-a", TOPIC, PARTITIONS);
        RecordingListener listener = new RecordingListener("member-a", ledger, observer,
                new ZooKeeperGroupPaths(group, TOPIC));

        long starting = System.nanoTime();
        assertThatThrownBy(() -> membership.start(listener))
                .isInstanceOf(ZooKeeperUnavailableException.class)
                .hasMessageContaining("Cannot reach ZooKeeper at " + unreachable + " within 1000 ms")
                .hasMessageContaining("Check that ZooKeeper runs there");
        assertThat(Duration.ofNanos(System.nanoTime() - starting)).isLessThan(CONNECTION_TIMEOUT.multipliedBy(3));
        assertThat(listener.owned()).isEmpty();
    }

    private Member join(String memberId) {
        return join(cluster.zookeeperConnect(), observer, memberId, TOPIC, PARTITIONS);
    }

    private Member join(String connect, CuratorFramework view, String memberId, String topic, int partitions) {
        ZooKeeperMembership membership = membership(connect, memberId, topic, partitions);
        RecordingListener listener = new RecordingListener(memberId, ledger, view, new ZooKeeperGroupPaths(group, topic));
        membership.start(listener);
        return new Member(membership, listener);
    }

    private ZooKeeperMembership membership(String connect, String memberId, String topic, int partitions) {
        ZooKeeperMembership membership = new ZooKeeperMembership(connect, group, topic, () -> partitions, memberId,
                AssignmentStrategy.range(), SESSION_TIMEOUT, CONNECTION_TIMEOUT, 50, Duration.ofMillis(100));
        started.add(membership);
        return membership;
    }

    /** Waits until {@code a} owns partitions 0-5 and {@code c} 6-11; {@code c}'s session id. */
    private long awaitHalves(Member a, Member c) throws Exception {
        awaitOwnership(Map.of(a, range(0, 6), c, range(6, 12)));
        return c.membership().sessionId();
    }

    private void awaitOwnership(Map<Member, Set<Integer>> expected) {
        await().atMost(REBALANCE).ignoreExceptions().untilAsserted(() -> assertOwnership(expected));
    }

    /** The listeners report exactly {@code expected}, ZooKeeper's owner nodes agree, and no partition was read twice. */
    private void assertOwnership(Map<Member, Set<Integer>> expected) throws Exception {
        Map<Integer, String> expectedOwners = new TreeMap<>();
        expected.forEach((member, partitions) -> {
            assertThat(member.listener().owned()).as(member.membership().memberId()).isEqualTo(partitions);
            partitions.forEach(partition -> expectedOwners.put(partition, member.membership().memberId()));
        });
        assertThat(ownerNodes()).isEqualTo(expectedOwners);
        assertThat(ledger.violations()).isEmpty();
    }

    private Map<Integer, String> ownerNodes() throws Exception {
        String parent = "/consumers/" + group + "/owners/" + TOPIC;
        Map<Integer, String> owners = new TreeMap<>();
        for (String partition : observer.getChildren().forPath(parent)) {
            owners.put(Integer.parseInt(partition),
                    new String(observer.getData().forPath(parent + "/" + partition), StandardCharsets.UTF_8));
        }
        return owners;
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toSet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Member(ZooKeeperMembership membership, RecordingListener listener) {
    }
}

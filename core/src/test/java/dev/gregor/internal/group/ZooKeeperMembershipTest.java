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

import dev.gregor.TopicPartition;
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
        // Joining can take c through more than one assignment on the way to its half: count from here.
        int checkedBefore = c.listener().revokesChecked();
        c.listener().slowCommits(SLOW_COMMIT);

        cluster.expireZookeeperSession(expiredSession);

        await().atMost(REBALANCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(c.membership().sessionId()).isNotEqualTo(expiredSession);
            assertThat(c.listener().revokesChecked() - checkedBefore).isEqualTo(6);
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
        Member other = join(cluster.zookeeperConnect(), observer, "member-0", Map.of("payments", 4));
        Member a = join("member-a");

        await().atMost(REBALANCE).untilAsserted(() -> {
            assertThat(a.listener().owned()).isEqualTo(range(0, 12));
            assertThat(other.listener().owned()).isEqualTo(partitions("payments", 0, 4));
        });
    }

    @Test
    void threeMembersShareThreeTopicsAsTheyJoinAndLeaveAndNoPartitionIsEverReadTwice() {
        Map<String, Integer> topics = Map.of("x", 4, "y", 4, "z", 4);
        Member a = join("member-a", topics);
        awaitOwnership(Map.of(a, union(partitions("x", 0, 4), partitions("y", 0, 4), partitions("z", 0, 4))));

        Member b = join("member-b", topics);
        awaitOwnership(Map.of(a, union(partitions("x", 0, 2), partitions("y", 0, 2), partitions("z", 0, 2)),
                b, union(partitions("x", 2, 4), partitions("y", 2, 4), partitions("z", 2, 4))));

        Member c = join("member-c", topics);
        awaitOwnership(Map.of(a, union(partitions("x", 0, 2), partitions("y", 0, 2), partitions("z", 0, 2)),
                b, union(partitions("x", 2, 3), partitions("y", 2, 3), partitions("z", 2, 3)),
                c, union(partitions("x", 3, 4), partitions("y", 3, 4), partitions("z", 3, 4))));

        a.membership().close();
        awaitOwnership(Map.of(b, union(partitions("x", 0, 2), partitions("y", 0, 2), partitions("z", 0, 2)),
                c, union(partitions("x", 2, 4), partitions("y", 2, 4), partitions("z", 2, 4))));

        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void eachTopicIsSharedOnlyByTheMembersReadingItAlongsideASingleTopicMember() throws Exception {
        Member a = join("member-a", Map.of("x", 4, "y", 4));
        Member b = join("member-b", Map.of("y", 4, "z", 4));
        Member single = join("member-s", Map.of("x", 4));

        awaitOwnership(Map.of(a, union(partitions("x", 0, 2), partitions("y", 0, 2)),
                b, union(partitions("y", 2, 4), partitions("z", 0, 4)),
                single, partitions("x", 2, 4)));
        assertThat(new String(observer.getData().forPath("/consumers/" + group + "/ids/member-s"),
                StandardCharsets.UTF_8)).as("PyKafka's single-topic node data").startsWith(
                "{\"version\":1,\"subscription\":{\"x\":1},\"pattern\":\"static\"");
    }

    @Test
    void aSubscriptionChangeRewritesTheMemberNodeAndRebalancesTheNewTopic() throws Exception {
        Member a = join("member-a", Map.of("x", 4));
        Member b = join("member-b", Map.of("x", 4));
        awaitOwnership(Map.of(a, partitions("x", 0, 2), b, partitions("x", 2, 4)));

        b.subscription().set(Map.of("x", 4, "y", 2));
        awaitOwnership(Map.of(a, partitions("x", 0, 2), b, union(partitions("x", 2, 4), partitions("y", 0, 2))));
        assertThat(MemberSubscription.topics(observer.getData().forPath("/consumers/" + group + "/ids/member-b")))
                .containsExactly("x", "y");

        a.subscription().set(Map.of("x", 4, "y", 2));
        awaitOwnership(Map.of(a, union(partitions("x", 0, 2), partitions("y", 0, 1)),
                b, union(partitions("x", 2, 4), partitions("y", 1, 2))));

        b.subscription().set(Map.of("y", 2));
        awaitOwnership(Map.of(a, union(partitions("x", 0, 4), partitions("y", 0, 1)), b, partitions("y", 1, 2)));
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void keepsItsNodesBelowTheChrootOfTheConnectString() throws Exception {
        String chroot = "gregor-test/" + group;
        Member a = join(cluster.zookeeperConnect() + "/" + chroot, observer.usingNamespace(chroot), "member-a",
                Map.of(TOPIC, PARTITIONS));

        await().atMost(REBALANCE).untilAsserted(() -> assertThat(a.listener().owned()).isEqualTo(range(0, 12)));
        assertThat(observer.checkExists().forPath("/" + chroot + "/consumers/" + group + "/ids/member-a")).isNotNull();
        assertThat(observer.checkExists().forPath("/consumers/" + group)).isNull();
    }

    @Test
    void failsClearlyWithinTheConnectionTimeoutWhenZooKeeperIsUnreachable() throws IOException {
        String unreachable = "127.0.0.1:" + freePort();
        ZooKeeperMembership membership = membership(unreachable, "member-a",
                new TestSubscription(Map.of(TOPIC, PARTITIONS)));
        RecordingListener listener = new RecordingListener("member-a", ledger, observer, new ZooKeeperGroupPaths(group));

        long starting = System.nanoTime();
        assertThatThrownBy(() -> membership.start(listener))
                .isInstanceOf(ZooKeeperUnavailableException.class)
                .hasMessageContaining("Cannot reach ZooKeeper at " + unreachable + " within 1000 ms")
                .hasMessageContaining("Check that ZooKeeper runs there");
        assertThat(Duration.ofNanos(System.nanoTime() - starting)).isLessThan(CONNECTION_TIMEOUT.multipliedBy(3));
        assertThat(listener.owned()).isEmpty();
    }

    private Member join(String memberId) {
        return join(memberId, Map.of(TOPIC, PARTITIONS));
    }

    private Member join(String memberId, Map<String, Integer> topics) {
        return join(cluster.zookeeperConnect(), observer, memberId, topics);
    }

    private Member join(String connect, CuratorFramework view, String memberId, Map<String, Integer> topics) {
        TestSubscription subscription = new TestSubscription(topics);
        ZooKeeperMembership membership = membership(connect, memberId, subscription);
        RecordingListener listener = new RecordingListener(memberId, ledger, view, new ZooKeeperGroupPaths(group));
        membership.start(listener);
        return new Member(membership, listener, subscription);
    }

    private ZooKeeperMembership membership(String connect, String memberId, GroupSubscription subscription) {
        ZooKeeperMembership membership = new ZooKeeperMembership(connect, group, subscription, memberId,
                AssignmentStrategy.range(), SESSION_TIMEOUT, CONNECTION_TIMEOUT, 50, Duration.ofMillis(100), () -> { });
        started.add(membership);
        return membership;
    }

    /** Waits until {@code a} owns partitions 0-5 and {@code c} 6-11; {@code c}'s session id. */
    private long awaitHalves(Member a, Member c) throws Exception {
        awaitOwnership(Map.of(a, range(0, 6), c, range(6, 12)));
        return c.membership().sessionId();
    }

    private void awaitOwnership(Map<Member, Set<TopicPartition>> expected) {
        await().atMost(REBALANCE).ignoreExceptions().untilAsserted(() -> assertOwnership(expected));
    }

    /** The listeners report exactly {@code expected}, ZooKeeper's owner nodes agree, and no partition was read twice. */
    private void assertOwnership(Map<Member, Set<TopicPartition>> expected) throws Exception {
        Map<TopicPartition, String> expectedOwners = new TreeMap<>();
        expected.forEach((member, partitions) -> {
            assertThat(member.listener().owned()).as(member.membership().memberId()).isEqualTo(partitions);
            partitions.forEach(partition -> expectedOwners.put(partition, member.membership().memberId()));
        });
        assertThat(ownerNodes()).isEqualTo(expectedOwners);
        assertThat(ledger.violations()).isEmpty();
    }

    /** Every owner node of the group, of every topic, to the member it names. */
    private Map<TopicPartition, String> ownerNodes() throws Exception {
        String root = "/consumers/" + group + "/owners";
        Map<TopicPartition, String> owners = new TreeMap<>();
        for (String topic : observer.getChildren().forPath(root)) {
            for (String partition : observer.getChildren().forPath(root + "/" + topic)) {
                owners.put(TopicPartition.of(topic, Integer.parseInt(partition)), new String(
                        observer.getData().forPath(root + "/" + topic + "/" + partition), StandardCharsets.UTF_8));
            }
        }
        return owners;
    }

    private static Set<TopicPartition> range(int from, int to) {
        return partitions(TOPIC, from, to);
    }

    /** Partitions {@code from} to {@code to - 1} of {@code topic}. */
    private static Set<TopicPartition> partitions(String topic, int from, int to) {
        return IntStream.range(from, to).mapToObj(partition -> TopicPartition.of(topic, partition))
                .collect(Collectors.toSet());
    }

    /** The union of {@code sets}. */
    @SafeVarargs
    private static Set<TopicPartition> union(Set<TopicPartition>... sets) {
        Set<TopicPartition> union = new java.util.TreeSet<>();
        for (Set<TopicPartition> set : sets) {
            union.addAll(set);
        }
        return union;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Member(ZooKeeperMembership membership, RecordingListener listener, TestSubscription subscription) {
    }
}

package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * T6: three ZooKeeper-balanced members in their own JVMs on 12 partitions; their ZooKeeper sessions are expired
 * one at a time, ZooKeeper is restarted (same port and data), then members are SIGKILL'd (and restarted). Never
 * may two live members own one partition at once (the owner nodes sampled every 100 ms from outside, and the
 * members' own reports), nothing may be lost, and the group must settle within 30 s of each fault.
 *
 * Reduced in the build (two expiries, one kill), full size from {@code ./reliability/run}.
 */
@KafkaCluster(zookeeper = true, isolated = true)
class ZooKeeperGroupChaosTest {

    private static final Scale SCALE = Scale.current();
    private static final int PARTITIONS = 12;
    private static final int EXPIRIES = SCALE.pick(2, 5);
    private static final int KILLS = SCALE.pick(1, 3);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Test
    void sessionExpiriesAndKillsNeverLeaveTwoOwnersNorLoseRecords(EmbeddedKafkaCluster cluster) throws Exception {
        long started = System.nanoTime();
        Map<String, String> member = Map.of("zookeeper", cluster.zookeeperConnect(), "session-ms", "4000",
                "commit-ms", "200");
        try (GroupRun run = GroupRun.start(cluster, "t6-zookeeper", PARTITIONS, SCALE.pick(300, 1000), member);
             OwnerNodesWatch owners = OwnerNodesWatch.start(cluster.zookeeperConnect(), run.group(),
                     run.topic.name(), PARTITIONS, 100)) {
            List<Long> settleMs = new ArrayList<>();
            for (int expiry = 0; expiry < EXPIRIES; expiry++) {
                MemberProcess target = run.members.member(GroupRun.slot(expiry % GroupRun.MEMBERS));
                String memberPath = "/consumers/" + run.group() + "/ids/" + target.report().memberId();
                long session = owners.sessionOf(memberPath);
                assertThat(session).as("session of " + memberPath).isPositive();
                long expiredAt = System.currentTimeMillis();
                cluster.expireZookeeperSession(session);
                await().atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                        .until(() -> run.ownershipChanges(false, expiredAt, Long.MAX_VALUE) > 0);
                settleMs.add(run.awaitConverged(SETTLE) - expiredAt);
                run.awaitProgress();
            }
            long zookeeperStoppedAt = System.currentTimeMillis();
            cluster.stopZookeeper();
            cluster.startZookeeper();
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                    .until(() -> run.ownershipChanges(false, zookeeperStoppedAt, Long.MAX_VALUE) > 0);
            settleMs.add(run.awaitConverged(SETTLE) - zookeeperStoppedAt);
            run.awaitProgress();
            for (int kill = 0; kill < KILLS; kill++) {
                String slot = GroupRun.slot(kill % GroupRun.MEMBERS);
                long killedAt = System.currentTimeMillis();
                run.members.member(slot).kill();
                settleMs.add(run.awaitConverged(SETTLE) - killedAt);
                long restartedAt = System.currentTimeMillis();
                run.members.start(slot);
                settleMs.add(run.awaitConverged(SETTLE) - restartedAt);
                run.awaitProgress();
            }
            ConsumptionAudit audit = run.finish();
            OwnershipOverlaps overlaps = OwnershipOverlaps.of(run.members.reports(), run.members.stoppedAt(),
                    owners.samples());
            long slowest = settleMs.stream().mapToLong(Long::longValue).max().orElse(-1);
            boolean pass = overlaps.none() && audit.lost() == 0 && audit.clean() && slowest <= SETTLE.toMillis();
            GroupRun.report("T6 ZooKeeper-balanced", EXPIRIES + " session expiries, a ZooKeeper restart, " + KILLS
                    + " SIGKILL/restart of a member (session 4 s)", audit,
                    -1, pass, "two owners at once: reported " + overlaps.reportedOverlaps() + ", owner nodes vs"
                    + " reports " + overlaps.sampleConflicts() + " " + overlaps.examples() + ", owner samples "
                    + owners.samples().size() + " (failed rounds " + owners.failedRounds() + "), settled after "
                    + settleMs + " ms", started);
            assertThat(overlaps.examples()).as("two live owners of a partition").isEmpty();
            assertThat(audit.lost()).isZero();
            assertThat(audit.clean()).isTrue();
            assertThat(slowest).as("longest time to settle after a fault, ms").isLessThanOrEqualTo(SETTLE.toMillis());
        }
    }

    /**
     * Issue 14, through ZooKeeper: one of three members of a group over 3 topics × 4 partitions is SIGKILLed (full
     * size only; the build runs this with Kafka's coordinator, in {@link MemberBounceChaosTest}).
     */
    @Test
    @EnabledIfSystemProperty(named = "gregor.chaos.scale", matches = "full")
    void aSigkillInAGroupOverThreeTopicsLeavesTheSurvivorsEveryPartitionOfEveryTopic(EmbeddedKafkaCluster cluster) {
        long started = System.nanoTime();
        Map<String, String> member = Map.of("zookeeper", cluster.zookeeperConnect(), "session-ms", "4000",
                "commit-ms", "200");
        try (GroupRun run = GroupRun.startOverTopics(cluster, "t6-topics", 3, 4, SCALE.pick(300, 1000), member)) {
            run.killOneThenAuditTheSurvivors("T6b ZooKeeper SIGKILL over topics", "SIGKILL of 1 of 3 ZooKeeper-balanced"
                    + " members of a group over 3 topics x 4 partitions (session 4 s)", started);
        }
    }
}

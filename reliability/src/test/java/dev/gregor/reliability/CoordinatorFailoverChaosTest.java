package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * T9: the broker hosting a managed group's coordinator is killed (SIGKILL) while three members in their own JVMs
 * consume and commit every 100 ms; committed offsets are read from outside every 100 ms. Nothing may be lost, no
 * committed offset may go backwards through a commit of Gregor's, and a coordinator move must cost no rebalance.
 * Runs at full scale only ({@code ./reliability/run}): even reduced (2 kills) it takes about 3.5 minutes here, as
 * each kill pauses the group for 9 to 11 s and the killed broker takes its time to come back.
 */
@EnabledIfSystemProperty(named = "gregor.chaos.scale", matches = "full")
class CoordinatorFailoverChaosTest extends SharedChaosCluster {

    private static final Scale SCALE = Scale.current();
    private static final int KILLS = SCALE.pick(2, 5);
    private static final Map<String, String> MEMBER = Map.of("session-ms", "10000", "heartbeat-ms", "500",
            "commit-ms", "100");

    @Test
    void coordinatorKillsLoseNothingMoveNoCommitBackAndCostNoRebalance(EmbeddedKafkaCluster cluster) throws Exception {
        long started = System.nanoTime();
        try (GroupRun run = GroupRun.start(cluster, "t9-coordinator", 6, SCALE.pick(300, 1000), MEMBER);
             CommittedOffsetsWatch watch = CommittedOffsetsWatch.start(cluster.bootstrapServers(), run.group(),
                     run.topic.name(), 100);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                     AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000",
                     AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"))) {
            List<Long> killTimes = new ArrayList<>();
            List<Integer> killed = new ArrayList<>();
            List<Long> pauses = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                int coordinator = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> coordinatorOf(admin, run.group()), id -> id >= 0);
                long committedBefore = committedSum(watch);
                long killedAt = System.currentTimeMillis();
                cluster.killBroker(coordinator);
                killTimes.add(killedAt);
                killed.add(coordinator);
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> committedSum(watch) > committedBefore + 100);
                    pauses.add(DeliveryPauses.longestMs(run.members.reports(), killedAt, run.awaitProgress()));
                } finally {
                    cluster.startBroker(coordinator);
                }
                run.awaitConverged(Duration.ofSeconds(60));
                run.awaitProgress();
            }
            long faultsEnded = System.currentTimeMillis();
            ConsumptionAudit audit = run.finish();
            List<MemberReport> reports = run.members.reports();
            int rebalances = 0;
            for (int kill = 0; kill < killTimes.size(); kill++) {
                long to = kill + 1 < killTimes.size() ? killTimes.get(kill + 1) : faultsEnded;
                rebalances += run.ownershipChanges(false, killTimes.get(kill), to) > 0 ? 1 : 0;
            }
            long revocations = run.ownershipChanges(false, killTimes.get(0), faultsEnded);
            List<CommitHistory.Regression> regressions = watch.history().regressions();
            List<CommitHistory.Regression> byClient = new ArrayList<>();
            List<CommitHistory.Regression> staleCoordinator = new ArrayList<>();
            for (CommitHistory.Regression regression : regressions) {
                (committedByAClientAfter(regression, reports) ? byClient : staleCoordinator).add(regression);
            }
            long commitFailures = reports.stream().mapToLong(MemberReport::commitFailures).sum();
            boolean pass = audit.lost() == 0 && byClient.isEmpty() && rebalances == 0;
            GroupRun.report("T9 coordinator failover", KILLS + " SIGKILL of the group coordinator's broker "
                    + killed + " while 3 members commit every 100 ms", audit,
                    pauses.stream().mapToLong(Long::longValue).max().orElse(-1), pass,
                    "rebalances caused by a coordinator move " + rebalances + " (member revocations " + revocations
                            + "), committed-offset regressions by a client commit " + byClient.size() + " " + byClient
                            + ", served stale by the coordinator " + staleCoordinator.size() + " " + staleCoordinator
                            + ", failed commits " + commitFailures + ", outside reads failed " + watch.failedReads()
                            + ", group pauses " + pauses + " ms", started);
            assertThat(audit.lost()).isZero();
            assertThat(audit.misdelivered()).isZero();
            assertThat(byClient).as("committed offsets moved back by a member's own commit").isEmpty();
            assertThat(rebalances).as("coordinator moves after which a member revoked its partitions (rejoined)")
                    .isZero();
        }
    }

    /** Whether a member had the lower offset confirmed at or after the higher one was seen: its own doing. */
    private static boolean committedByAClientAfter(CommitHistory.Regression regression, List<MemberReport> reports) {
        return reports.stream().flatMap(report -> report.commits().stream())
                .anyMatch(commit -> commit.partition() == regression.partition()
                        && commit.offset() == regression.after().offset()
                        && commit.timeMs() >= regression.before().timeMs());
    }

    private static long committedSum(CommittedOffsetsWatch watch) {
        return watch.latest().values().stream().mapToLong(Long::longValue).sum();
    }

    private static int coordinatorOf(Admin admin, String group) throws Exception {
        Map<String, org.apache.kafka.clients.admin.ConsumerGroupDescription> groups =
                new HashMap<>(admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS));
        return groups.get(group).coordinator().id();
    }
}

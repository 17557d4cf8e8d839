package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * T7: every broker restarted cleanly in turn (the group coordinator's among them) under three static members
 * ({@code groupInstanceId}) in their own JVMs: no member may lose its partitions (no revocation, no new
 * assignment: the classic protocol does not show the generation from outside, so the members' own rebalance
 * listeners are the witness), nothing lost, nothing handed out twice. Runs at full scale only
 * ({@code ./reliability/run}): reduced (each broker once) it takes about 100 s here, over the build's share.
 */
@EnabledIfSystemProperty(named = "gregor.chaos.scale", matches = "full")
class StaticMembersBrokerRollChaosTest extends SharedChaosCluster {

    private static final Scale SCALE = Scale.current();
    private static final int RESTARTS = SCALE.pick(3, 5);

    @Test
    void aRollingBrokerRestartCostsStaticMembersNoRebalance(EmbeddedKafkaCluster cluster) {
        long started = System.nanoTime();
        Map<String, String> member = Map.of("session-ms", "30000", "heartbeat-ms", "500", "commit-ms", "200");
        try (GroupRun run = GroupRun.start(cluster, "t7-static-roll", 6, SCALE.pick(300, 1000), member, true)) {
            long faultsFrom = System.currentTimeMillis();
            List<Long> pauses = new ArrayList<>();
            for (int restart = 0; restart < RESTARTS; restart++) {
                int broker = restart % cluster.brokerCount();
                long stoppedAt = System.currentTimeMillis();
                cluster.stopBroker(broker);
                cluster.startBroker(broker);
                pauses.add(DeliveryPauses.longestMs(run.members.reports(), stoppedAt, run.awaitProgress()));
            }
            long faultsEnded = System.currentTimeMillis();
            long revocations = run.ownershipChanges(false, faultsFrom, faultsEnded);
            long assignments = run.ownershipChanges(true, faultsFrom, faultsEnded);
            ConsumptionAudit audit = run.finish();
            boolean pass = revocations == 0 && assignments == 0 && audit.lost() == 0 && audit.duplicated() == 0
                    && audit.clean();
            GroupRun.report("T7 broker roll, static members", RESTARTS + " clean broker restarts in turn under 3"
                    + " static members (session 30 s)", audit, pauses.stream().mapToLong(Long::longValue).max()
                    .orElse(-1), pass, "revocations " + revocations + ", new assignments " + assignments
                    + ", pauses " + pauses + " ms", started);
            assertThat(revocations).as("revocations while the brokers rolled").isZero();
            assertThat(assignments).as("new assignments while the brokers rolled").isZero();
            assertThat(audit.lost()).isZero();
            assertThat(audit.duplicated()).isZero();
            assertThat(audit.clean()).isTrue();
        }
    }
}

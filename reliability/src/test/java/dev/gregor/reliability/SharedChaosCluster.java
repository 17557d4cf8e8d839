package dev.gregor.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;

/**
 * The one cluster the three-broker chaos tests share, started once for the run: a test class extends this, uses
 * topics and groups of its own, and may stop, kill or pause brokers and set proxy faults, because after each test
 * {@link #restore} puts the cluster back as the next test expects it.
 */
@KafkaCluster(brokers = 3, faultProxies = true, brokerProperties = {"min.insync.replicas=2", GroupRun.SHARED_SHAPE})
abstract class SharedChaosCluster {

    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    @AfterEach
    void restoreCluster(EmbeddedKafkaCluster cluster) {
        restore(cluster);
    }

    /**
     * Undoes whatever a test did to the cluster, also when it failed half-way ({@link EmbeddedKafkaCluster#heal()}),
     * and waits until every partition (internal ones too) has all its replicas in sync again, so that the next test
     * meets a whole cluster.
     */
    static void restore(EmbeddedKafkaCluster cluster) {
        cluster.heal();
        try (ReplicaView view = new ReplicaView(cluster.bootstrapServers())) {
            await("every replica of every partition back in sync").atMost(CATCH_UP)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> view.underReplicatedPartitions().isEmpty());
        }
    }
}

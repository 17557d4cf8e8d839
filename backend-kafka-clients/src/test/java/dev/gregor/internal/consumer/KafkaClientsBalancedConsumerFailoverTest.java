package dev.gregor.internal.consumer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;

/** Core's {@link BalancedConsumerFailoverTest}, run on the kafka-clients backend. */
class KafkaClientsBalancedConsumerFailoverTest extends BalancedConsumerFailoverTest {

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }

    /**
     * The membership and commit code under test is core's on both backends, so the default build runs this long
     * test (a SIGKILLed coordinator, about 100 s on a loaded machine) on the native backend only; set
     * {@code -Dgregor.test.failover-both-backends=true} to run it with kafka-clients' fetching too.
     */
    @Override
    @Test
    void aKilledCoordinatorCostsNoRebalanceBoundsSyncCommitsAndNeverCommitsBackwards(EmbeddedKafkaCluster cluster) throws Exception {
        assumeTrue(Boolean.getBoolean("gregor.test.failover-both-backends"),
                "runs with -Dgregor.test.failover-both-backends=true only");
        super.aKilledCoordinatorCostsNoRebalanceBoundsSyncCommitsAndNeverCommitsBackwards(cluster);
    }
}

package dev.gregor.consumer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;

/** Core's {@link ClosingWithBrokersDownTest}, run on the kafka-clients backend. */
class KafkaClientsClosingWithBrokersDownTest extends ClosingWithBrokersDownTest {

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }

    /**
     * Joining and positioning are core's on both backends, so the default build runs this test (a broker stopped
     * and started again, about 20 s) on the native backend only; set {@code -Dgregor.test.failover-both-backends=true}
     * to run it with kafka-clients' fetching too.
     */
    @Override
    @Test
    void aMultiTopicMemberStartedWhileTheBrokersAreDownFailsWithinTheApiTimeoutOrReadsOnceTheyAreBack(
            EmbeddedKafkaCluster cluster) {
        assumeTrue(Boolean.getBoolean("gregor.test.failover-both-backends"),
                "runs with -Dgregor.test.failover-both-backends=true only");
        super.aMultiTopicMemberStartedWhileTheBrokersAreDownFailsWithinTheApiTimeoutOrReadsOnceTheyAreBack(cluster);
    }
}

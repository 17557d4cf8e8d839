package dev.gregor.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gregor.KafkaClient;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

/** The harness on tiny scenarios against a real broker: every client writes what it claims (no timing asserted). */
@KafkaCluster
class HarnessSmokeTest {

    private final EmbeddedKafkaCluster cluster;

    HarnessSmokeTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void everyClientProducesTheRecordsItReports() throws Exception {
        for (String client : Clients.ALL) {
            String topic = "smoke-" + client;
            Result result = runOnNewTopic(client, Scenario.PRODUCE_100B_ACKS1, topic, 0.001);

            assertThat(result.records()).isEqualTo(1_000);
            assertThat(recordsIn(topic)).as("records %s wrote, warm-up included", client).isEqualTo(1_100);
        }
    }

    @Test
    void everyClientTimesEveryMeasuredRecordOfAFixedRateRun() throws Exception {
        for (String client : Clients.ALL) {
            String topic = "smoke-latency-" + client;
            Result result = runOnNewTopic(client, Scenario.LATENCY_100B_AT_20K, topic, 0.01);

            assertThat(result.records()).isEqualTo(1_000);
            assertThat(result.p50Micros()).as("p50 of %s", client).isPositive().isLessThanOrEqualTo(result.p99Micros());
            assertThat(recordsIn(topic)).as("records %s wrote: the first, the warm-up and the measured ones", client)
                    .isEqualTo(1 + 100 + 1_000);
        }
    }

    private Result runOnNewTopic(String client, Scenario scenario, String topic, double scale) throws Exception {
        cluster.createTopic(topic, 2, 1);
        return Clients.run(client, scenario, cluster.bootstrapServers(), topic, scale);
    }

    private long recordsIn(String topic) {
        try (KafkaClient kafka = KafkaClient.connect(cluster.bootstrapServers())) {
            return kafka.topic(topic).latestOffsets().values().stream().mapToLong(Long::longValue).sum();
        }
    }
}

package dev.gregor.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gregor.KafkaClient;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

/** The harness on a tiny scenario against a real broker: every client writes what it claims (no timing asserted). */
@KafkaCluster
class HarnessSmokeTest {

    @Test
    void everyClientProducesTheRecordsItReports(EmbeddedKafkaCluster cluster) throws Exception {
        for (String client : Clients.ALL) {
            String topic = "smoke-" + client;
            cluster.createTopic(topic, 2, 1);

            Result result = Clients.run(client, Scenario.PRODUCE_100B_ACKS1, cluster.bootstrapServers(), topic, 0.001);

            assertThat(result.records()).isEqualTo(1_000);
            try (KafkaClient kafka = KafkaClient.connect(cluster.bootstrapServers())) {
                long written = kafka.topic(topic).latestOffsets().values().stream().mapToLong(Long::longValue).sum();
                assertThat(written).as("records %s wrote, warm-up included", client).isEqualTo(1_100);
            }
        }
    }

    @Test
    void everyClientTimesEveryMeasuredRecordOfAFixedRateRun(EmbeddedKafkaCluster cluster) throws Exception {
        for (String client : Clients.ALL) {
            String topic = "smoke-latency-" + client;
            cluster.createTopic(topic, 2, 1);

            Result result = Clients.run(client, Scenario.LATENCY_100B_AT_20K, cluster.bootstrapServers(), topic, 0.01);

            assertThat(result.records()).isEqualTo(1_000);
            assertThat(result.p50Micros()).as("p50 of %s", client).isPositive().isLessThanOrEqualTo(result.p99Micros());
            try (KafkaClient kafka = KafkaClient.connect(cluster.bootstrapServers())) {
                long written = kafka.topic(topic).latestOffsets().values().stream().mapToLong(Long::longValue).sum();
                assertThat(written).as("records %s wrote: the first, the warm-up and the measured ones", client)
                        .isEqualTo(1 + 100 + 1_000);
            }
        }
    }
}

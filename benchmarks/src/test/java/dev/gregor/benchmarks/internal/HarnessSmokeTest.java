package dev.gregor.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;

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

    private static final Sizing QUICK = new Sizing(true, Duration.ZERO, Duration.ZERO, 0.001);
    private static final Sizing TIMED = new Sizing(false, Duration.ofMillis(200), Duration.ofMillis(500), 0.001);

    @Test
    void everyClientProducesTheRecordsItReports() throws Exception {
        for (String client : Clients.JAVA) {
            String topic = "smoke-" + client;
            Result result = runOnNewTopic(client, Scenario.PRODUCE_100B_ACKS1, topic, QUICK);

            assertThat(result.records()).isEqualTo(1_000);
            assertThat(recordsIn(topic)).as("records %s wrote, warm-up included", client).isEqualTo(1_100);
        }
    }

    @Test
    void everyClientTimesEveryMeasuredRecordOfAFixedRateRun() throws Exception {
        for (String client : Clients.JAVA) {
            String topic = "smoke-latency-" + client;
            Result result = runOnNewTopic(client, Scenario.LATENCY_100B_AT_20K, topic,
                    new Sizing(true, Duration.ZERO, Duration.ZERO, 0.01));

            assertThat(result.records()).isEqualTo(1_000);
            assertThat(result.p50Micros()).as("p50 of %s", client).isPositive().isLessThanOrEqualTo(result.p99Micros());
            assertThat(recordsIn(topic)).as("records %s wrote: the first, the warm-up and the measured ones", client)
                    .isEqualTo(1 + 100 + 1_000);
        }
    }

    @Test
    void aTimedRunMeasuresItsSpanAndSplitsTheJvmsCpu() throws Exception {
        for (String client : List.of("kafka-clients", "gregor")) {
            String topic = "smoke-timed-" + client;
            Result result = runOnNewTopic(client, Scenario.PRODUCE_100B_ACKS1, topic, TIMED);

            assertThat(result.nanos()).as("span of %s", client).isGreaterThanOrEqualTo(500_000_000L);
            assertThat(result.records()).isPositive();
            assertThat(recordsIn(topic)).as("records %s wrote", client).isGreaterThan(result.records());
            assertThat(result.jitCpuNanos()).as("JIT CPU of %s", client).isNotNegative();
            assertThat(result.gcCpuNanos()).isNotNegative();
            assertThat(result.applicationCpuSecondsPerMillion()).isPositive();
        }
    }

    @Test
    void aTimedReadingRunReadsThePrefilledRecordsAgainAndAgain() throws Exception {
        String topic = "smoke-reread";
        runOnNewTopic("gregor", Scenario.PRODUCE_100B_ACKS1, topic, QUICK);
        for (String client : List.of("kafka-clients", "gregor")) {
            Result result = Clients.run(client, Scenario.CONSUME_100B, cluster.bootstrapServers(), topic, TIMED, 1_100);

            assertThat(result.records()).as("records %s read in its span", client).isGreaterThan(1_100);
            assertThat(result.nanos()).isGreaterThanOrEqualTo(500_000_000L);
        }
    }

    @Test
    void librdkafkaProducesAndReadsWhereKcatIsInstalled() throws Exception {
        assumeTrue(KcatDriver.installed(), "kcat is not installed");
        String topic = "smoke-kcat";
        Result produced = runOnNewTopic(KcatDriver.NAME, Scenario.PRODUCE_100B_ACKS1_LZ4, topic, QUICK);
        assertThat(produced.records()).isEqualTo(1_000);
        assertThat(recordsIn(topic)).as("records kcat wrote, warm-up included").isEqualTo(1_100);
        assertThat(produced.cpuNanos()).isPositive();

        Result read = Clients.run(KcatDriver.NAME, Scenario.CONSUME_100B, cluster.bootstrapServers(), topic, TIMED, 1_100);
        assertThat(read.records()).as("records kcat read, pass after pass").isGreaterThan(1_100);
        assertThat(read.records() % 1_100).isZero();
    }

    private Result runOnNewTopic(String client, Scenario scenario, String topic, Sizing sizing) throws Exception {
        cluster.createTopic(topic, 2, 1);
        return Clients.run(client, scenario, cluster.bootstrapServers(), topic, sizing, 0);
    }

    private long recordsIn(String topic) {
        try (KafkaClient kafka = KafkaClient.connect(cluster.bootstrapServers())) {
            return kafka.topic(topic).latestOffsets().values().stream().mapToLong(Long::longValue).sum();
        }
    }
}

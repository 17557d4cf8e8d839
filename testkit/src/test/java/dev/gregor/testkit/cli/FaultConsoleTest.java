package dev.gregor.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fault commands of {@code kafka-instance}, against the shared one-broker cluster with ZooKeeper. */
@KafkaCluster(zookeeper = true)
class FaultConsoleTest {

    private final EmbeddedKafkaCluster cluster;
    private final FaultConsole console;

    FaultConsoleTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.console = new FaultConsole(cluster);
    }

    @AfterEach
    void everythingRunsAgain() {
        cluster.resumeBroker(0);
        if (!cluster.isBrokerRunning(0)) {
            cluster.startBroker(0);
        }
        cluster.startZookeeper();
    }

    @Test
    void answersEachLineWithOneLineAndBlankLinesWithNone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        console.serve(new BufferedReader(new StringReader("help\n\n   \nzk-stop\nzk-start\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(FaultConsole.USAGE,
                "zookeeper stopped", "zookeeper started on localhost:" + cluster.zookeeperPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"explode", "kill", "kill 0 now", "zk-stop please", "move topic 0"})
    void unknownInputGetsTheUsageLine(String line) {
        assertThat(console.answer(line)).isEqualTo("unknown command '" + line + "'; " + FaultConsole.USAGE);
    }

    @Test
    void badNumbersAndFailuresAreOneErrorLine() {
        cluster.createTopic("console-one-partition", 1, 1);
        assertThat(console.answer("kill first")).isEqualTo(
                "error: 'kill first' needs whole numbers where it says N, P or BROKER; " + FaultConsole.USAGE);
        assertThat(console.answer("kill 4")).isEqualTo("error: No broker 4: this cluster has brokers 0 to 0");
        assertThat(console.answer("leader console-one-partition 7")).startsWith("error: Could not describe console-one-partition-7: ")
                .doesNotContain("\n");
    }

    @Test
    void brokerCommandsKillStartPauseAndResume() {
        assertThat(console.answer("pause 0")).isEqualTo("broker 0 paused");
        assertThat(cluster.isBrokerPaused(0)).isTrue();
        assertThat(console.answer("resume 0")).isEqualTo("broker 0 resumed");
        assertThat(cluster.isBrokerPaused(0)).isFalse();

        assertThat(console.answer("kill 0")).isEqualTo("broker 0 killed");
        assertThat(cluster.isBrokerRunning(0)).isFalse();
        assertThat(console.answer("start 0")).isEqualTo("broker 0 started");
        assertThat(cluster.isBrokerRunning(0)).isTrue();
    }

    @Test
    void leadershipCommandsDescribeAndMove() {
        cluster.createTopic("console-topic", 1, 1);

        assertThat(console.answer("leader console-topic 0"))
                .isEqualTo("console-topic-0: leader 0, replicas [0], isr [0]");
        assertThat(console.answer("move console-topic 0 0"))
                .isEqualTo("console-topic-0: leader 0, replicas [0], isr [0]");
    }
}

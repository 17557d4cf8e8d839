package dev.gregor.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command's parsing and messages, without starting a cluster. */
class KafkaInstanceCommandTest {

    private static final String RELEASE = "\\d+\\.\\d+\\.\\d+";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0   | brokers must be between 1 and 9, was 0",
            "10  | brokers must be between 1 and 9, was 10",
            "-1  | brokers must be between 1 and 9, was -1",
            "abc | Invalid value for positional parameter at index 0 (BROKERS): 'abc' is not an int"})
    void aBadBrokerCountIsAUsageErrorOnStandardErrorWithExitCodeTwo(String brokers, String message) {
        int exitCode = run(brokers);

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).contains("Usage: kafka-instance").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=70000", "--zookeeper-port=-5"})
    void aBadPortIsAUsageError(String option) {
        assertThat(run(option)).isEqualTo(2);
        assertThat(err.toString()).contains("must be between 0 and 65535").contains("Usage: kafka-instance");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--latency=50             | --latency and --cut-after need --proxy",
            "--cut-after=500-1500     | --latency and --cut-after need --proxy",
            "--proxy --latency=-1     | --latency must be zero or more milliseconds, was -1",
            "--proxy --cut-after=900-100 | --cut-after must be MIN-MAX in milliseconds with MIN <= MAX (e.g. 500-1500), was '900-100'",
            "--proxy --cut-after=soon | --cut-after must be MIN-MAX"})
    void aFaultOptionWithoutTheProxyOrWithABadValueIsAUsageError(String options, String message) {
        assertThat(run(options.split(" "))).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).contains("Usage: kafka-instance");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-V", "--version"})
    void versionPrintsTheTestkitKafkaAndZooKeeperVersions(String option) {
        int exitCode = run(option);

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("kafka-instance " + RELEASE + "(-SNAPSHOT)? \\(Kafka " + RELEASE + ", ZooKeeper " + RELEASE + "\\)\\R");
        assertThat(err.toString()).isEmpty();
    }

    private int run(String... arguments) {
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        return KafkaInstanceCommand.commandLine(printed)
                .setOut(new PrintWriter(printed, true))
                .setErr(new PrintWriter(err, true))
                .execute(arguments);
    }
}

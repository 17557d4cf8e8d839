package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gregor.cli.Gregor.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What every command does with bad arguments and with no cluster to talk to: one line, the right exit code. */
class UsageAndConnectionErrorsTest {

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void withoutABootstrapServerItSaysWhereToSetOne() {
        Result result = Gregor.exactly("", Map.of(), "topics");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .contains("No cluster given", "--bootstrap-server", "GREGOR_BOOTSTRAP");
    }

    @Test
    void aBrokerThatDoesNotAnswerFailsWithinTheTimeoutInOneLine() throws IOException {
        String nobody = closedPort();
        long started = System.nanoTime();

        Result result = Gregor.exactly("", Map.of("GREGOR_BOOTSTRAP", nobody), "topics", "--timeout", "2s");

        assertThat(System.nanoTime() - started).isLessThan(8_000_000_000L);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("The cluster at " + nobody + " did not answer within 2 s: check --bootstrap-server")
                .doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void withJsonTheFailureIsAnEnvelopeOnStandardOutputToo() throws IOException {
        Result result = Gregor.exactly("", Map.of(), "topics", "--json", "--timeout", "1s", "-b", closedPort());

        JsonNode envelope = result.json();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(envelope.get("command").asString()).isEqualTo("topics");
        assertThat(envelope.get("ok").asBoolean()).isFalse();
        assertThat(envelope.get("error").get("code").asString()).isEqualTo("unreachable");
        assertThat(envelope.get("error").get("message").asString()).isEqualTo(result.err().strip());
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Result result = Gregor.exactly("", Map.of(), "topics", "--verbose", "--timeout", "1s", "-b", closedPort());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("did not answer within 1 s", "\tat dev.gregor.");
    }

    @Test
    void usageErrorsAreOneLineAndExitCodeTwo() {
        Map<String[], String> cases = Map.of(
                new String[] {}, "Missing a command",
                new String[] {"no-such-command"}, "Unmatched argument",
                new String[] {"topic"}, "Missing required subcommand",
                new String[] {"topics", "--timeout", "soon"}, "'soon' is not a duration",
                new String[] {"produce", "t", "--acks", "most"}, "'most' is not an acks setting",
                new String[] {"offsets", "reset", "g", "--topic", "t"}, "--to-earliest",
                new String[] {"offsets", "reset", "g", "--topic", "t", "--to-latest", "--to-earliest"}, "mutually exclusive",
                new String[] {"consume", "t", "-b", "localhost:1", "--format", "%x"}, "unknown field %x");
        cases.forEach((args, expected) -> {
            Result result = Gregor.exactly("", Map.of(), args);
            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isEqualTo(2);
            assertThat(result.errLines()).as(String.join(" ", args)).singleElement().asString().contains(expected);
        });
    }

    @Test
    void everyCommandHasHelpAndTheVersion() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"consume", "--help"},
                new String[] {"offsets", "reset", "-h"}, new String[] {"topic", "config", "--help"})) {
            Result help = Gregor.exactly("", Map.of(), args);

            assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
            String command = String.join(" ", args).replaceFirst(" ?(--help|-h)$", "");
            assertThat(help.out()).startsWith("Usage: gregor" + (command.isEmpty() ? "" : " " + command) + " ");
        }
        Result version = Gregor.exactly("", Map.of(), "topics", "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("gregor ");
    }

    @Test
    void instanceIsTheTestkitsKafkaInstanceCommand() {
        Result help = Gregor.exactly("", Map.of(), "instance", "--help");
        Result outOfRange = Gregor.exactly("", Map.of(), "instance", "0");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: gregor instance ").contains("--no-zookeeper", "--proxy",
                "Starts a throwaway Kafka cluster");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.errLines()).singleElement().asString()
                .isEqualTo("brokers must be between 1 and 9, was 0. See 'gregor instance --help'.");
    }

    @Test
    void saslWithoutCredentialsIsAUsageError() {
        Result result = Gregor.exactly("", Map.of(), "topics", "-b", "localhost:1", "--security-protocol", "SASL_PLAINTEXT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .contains("SASL needs a user name and password", "--sasl-username", "sasl.jaas.config");
    }

    @Test
    void anUnreadableCommandConfigNamesTheFile(@TempDir Path directory) throws IOException {
        Path missing = directory.resolve("missing.properties");
        Path badProtocol = Files.writeString(directory.resolve("bad.properties"), "security.protocol=TLS_PLEASE\n");

        Result unreadable = Gregor.exactly("", Map.of(), "topics", "-b", "localhost:1", "--command-config", missing.toString());
        Result unknownProtocol = Gregor.exactly("", Map.of(), "topics", "-b", "localhost:1", "--command-config",
                badProtocol.toString());

        assertThat(unreadable.exitCode()).isEqualTo(1);
        assertThat(unreadable.errLines()).singleElement().asString()
                .startsWith("Cannot read the --command-config file " + missing);
        assertThat(unknownProtocol.exitCode()).isEqualTo(1);
        assertThat(unknownProtocol.errLines()).singleElement().asString()
                .contains("'TLS_PLEASE'", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
    }
}

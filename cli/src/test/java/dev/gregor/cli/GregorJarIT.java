package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar as a process, as ./gregor runs it: records through standard input and output, exit codes, no logs on stdout. */
@KafkaCluster
class GregorJarIT {

    private final EmbeddedKafkaCluster cluster;

    GregorJarIT(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run gregor(Path directory, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gregor-cli.jar")));
        command.addAll(List.of(args));
        Path in = Files.writeString(directory.resolve("in-" + UUID.randomUUID()), input);
        Path out = directory.resolve("out-" + UUID.randomUUID());
        Path err = directory.resolve("err-" + UUID.randomUUID());
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("GREGOR_BOOTSTRAP", cluster.bootstrapServers());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gregor " + String.join(" ", args) + " ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarProducesConsumesAndExitsWithTheRightCodes(@TempDir Path directory) throws Exception {
        String topic = "cli-jar-" + UUID.randomUUID();
        cluster.createTopic(topic, 1, 1);

        Run produced = gregor(directory, "k:one\nk:two\n", "produce", topic, "-K", ":");
        Run consumed = gregor(directory, "", "consume", topic, "--exit", "-f", "%o %k %s\\n");
        Run missing = gregor(directory, "", "consume", "cli-jar-missing", "--exit");
        Run usage = gregor(directory, "", "consume", topic, "--from", "whenever");

        assertThat(produced.exitCode()).as(produced.err()).isZero();
        assertThat(produced.out()).isEmpty();
        assertThat(produced.err()).startsWith("Produced 2 records");
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.out()).isEqualTo("0 k one\n1 k two\n");
        assertThat(consumed.err()).isEmpty();
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines()).singleElement().asString().contains("Topic 'cli-jar-missing' does not exist");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err().lines()).singleElement().asString().contains("'whenever' is not a start position");
    }
}

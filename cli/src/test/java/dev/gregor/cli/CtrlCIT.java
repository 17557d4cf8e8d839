package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a terminal sends it (SIGINT to the foreground process group) to the built jar while it consumes with a
 * group or produces from a pipe: it stops within seconds, exits 130, and what it printed is committed, what it read
 * is written, once.
 */
@KafkaCluster
class CtrlCIT {

    private static final Duration EXIT_LIMIT = Duration.ofSeconds(15);

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;
    private final List<Process> started = new ArrayList<>();

    CtrlCIT(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    @AfterEach
    void stopLeftovers() {
        started.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
        client.close();
    }

    @Test
    void ctrlCWhileConsumingWithAGroupCommitsWhatWasPrintedAndExits130(@TempDir Path directory) throws Exception {
        String topic = "ctrl-c-consume-" + UUID.randomUUID();
        String group = "ctrl-c-" + UUID.randomUUID();
        Topic created = client.createTopic(topic, 2, 1);
        try (Producer producer = created.producer(ProducerConfig.builder().sync(true).build())) {
            IntStream.range(0, 50).forEach(i -> producer.produce(("v" + i).getBytes(StandardCharsets.UTF_8),
                    ("k" + i).getBytes(StandardCharsets.UTF_8)));
        }
        Path out = directory.resolve("out");
        Process consumer = startInItsOwnProcessGroup(directory, out, "consume", topic, "--group", group,
                "--from", "beginning", "--format", "%s\\n");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !consumer.isAlive() || lines(out).size() == 50);
        assertThat(consumer.isAlive()).as("still consuming; stderr: %s", stderr(directory)).isTrue();
        pressCtrlC(consumer);

        assertThat(consumer.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)).as("exited after Ctrl-C").isTrue();
        assertThat(consumer.exitValue()).as(stderr(directory)).isEqualTo(130);
        assertThat(lines(out)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> "v" + i).toList());
        Map<Integer, Long> ends = created.latestOffsets();
        assertThat(client.admin().groupOffsets(group)).isEqualTo(Map.of(
                TopicPartition.of(topic, 0), ends.get(0), TopicPartition.of(topic, 1), ends.get(1)));
    }

    @Test
    void ctrlCWhileProducingFromAPipeWritesEveryLineReadOnceAndExits130(@TempDir Path directory) throws Exception {
        String topic = "ctrl-c-produce-" + UUID.randomUUID();
        Topic created = client.createTopic(topic, 1, 1);
        Process producer = startInItsOwnProcessGroup(directory, directory.resolve("out"), "produce", topic);
        OutputStream lines = producer.getOutputStream();
        for (int i = 0; i < 30; i++) {
            lines.write(("line-" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        lines.flush();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !producer.isAlive() || created.latestOffsets().get(0) == 30);
        assertThat(producer.isAlive()).as("still reading its input; stderr: %s", stderr(directory)).isTrue();
        pressCtrlC(producer);

        assertThat(producer.waitFor(EXIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)).as("exited after Ctrl-C").isTrue();
        assertThat(producer.exitValue()).as(stderr(directory)).isEqualTo(130);
        assertThat(created.latestOffsets()).isEqualTo(Map.of(0, 30L));
    }

    /**
     * The jar in a process group of its own, as a shell runs a foreground command (setsid), with SIGINT at its default
     * action (perl), since a build started in the background hands it down ignored.
     */
    private Process startInItsOwnProcessGroup(Path directory, Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", "perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("gregor-cli.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(directory.resolve("err").toFile());
        builder.environment().put("GREGOR_BOOTSTRAP", cluster.bootstrapServers());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void pressCtrlC(Process process) throws Exception {
        new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start().waitFor();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static String stderr(Path directory) throws IOException {
        Path err = directory.resolve("err");
        return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }
}

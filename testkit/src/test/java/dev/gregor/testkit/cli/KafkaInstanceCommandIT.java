package dev.gregor.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.gregor.testkit.internal.BrokerRuntime;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code kafka-instance} executable jar as a user would, then stops it with SIGINT. */
class KafkaInstanceCommandIT {

    @TempDir
    Path tmp;

    private Process command;

    @AfterEach
    void killLeftovers() {
        if (command != null) {
            command.destroyForcibly();
        }
    }

    @Test
    void printsTheClusterServesItAndCleansUpOnSigint() throws Exception {
        command = startCommand("2");
        List<String> output = new CopyOnWriteArrayList<>();
        readLines(command, output);

        await().atMost(Duration.ofMinutes(2)).until(() -> output.size() >= 4 || !command.isAlive());
        assertThat(output).hasSize(4);
        assertThat(output.get(0)).isEqualTo("Cluster started.");
        assertThat(output.get(1)).matches("Brokers: localhost:\\d+,localhost:\\d+");
        assertThat(output.get(2)).matches("Zookeeper: localhost:\\d+");
        assertThat(output.get(3)).isEqualTo("Waiting for SIGINT to exit.");
        command.getOutputStream().write("help\n".getBytes(StandardCharsets.UTF_8));
        command.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.size() >= 5);
        assertThat(output.get(4)).isEqualTo(FaultConsole.USAGE);
        String brokers = output.get(1).substring("Brokers: ".length());
        int zookeeperPort = Integer.parseInt(output.get(2).replaceAll("\\D", ""));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(2);
        }
        assertThat(accepts(zookeeperPort)).isTrue();
        assertThat(testkitDirectories()).isNotEmpty();

        new ProcessBuilder("kill", "-INT", Long.toString(command.pid())).start().waitFor();

        assertThat(command.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
        assertThat(testkitDirectories()).isEmpty();
        assertThat(ports(brokers)).noneMatch(KafkaInstanceCommandIT::accepts);
        assertThat(accepts(zookeeperPort)).isFalse();
    }

    @Test
    void noZookeeperPrintsOnlyTheBrokers() throws Exception {
        command = startCommand("--no-zookeeper");
        List<String> output = new CopyOnWriteArrayList<>();
        readLines(command, output);

        await().atMost(Duration.ofMinutes(2)).until(() -> output.size() >= 3 || !command.isAlive());
        assertThat(output).hasSize(3);
        assertThat(output.get(1)).matches("Brokers: localhost:\\d+");
        assertThat(output.get(2)).isEqualTo("Waiting for SIGINT to exit.");

        command.destroy();

        assertThat(command.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(testkitDirectories()).isEmpty();
    }

    /**
     * Starts the jar through perl, which resets SIGINT to its default action first: a process started in the
     * background by a non-interactive shell (as CI may start this build) inherits SIGINT as ignored, and the JVM
     * then installs no handler for it. A user's terminal delivers Ctrl-C either way.
     */
    private Process startCommand(String... arguments) throws IOException {
        List<String> line = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-D" + BrokerRuntime.CACHE_DIR_PROPERTY + "=" + BrokerRuntime.cacheDirectory(),
                "-jar", System.getProperty("kafka-instance.jar")));
        line.addAll(Arrays.asList(arguments));
        return new ProcessBuilder(line).redirectError(Path.of("target", "kafka-instance-stderr.log").toFile()).start();
    }

    private static void readLines(Process process, List<String> into) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(into::add);
            } catch (IOException closed) {
                // the process exited
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private List<Path> testkitDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("gregor-testkit-")).toList();
        }
    }

    private static List<Integer> ports(String bootstrap) {
        return Arrays.stream(bootstrap.split(",")).map(address -> Integer.parseInt(address.split(":")[1])).toList();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }
}

package dev.gregor.testkit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kafka-instance [BROKERS] [--port P] [--zookeeper-port Z] [--no-zookeeper]}: starts a throwaway cluster,
 * prints where it listens, answers fault commands on standard input ({@link FaultConsole}), and on Ctrl-C (SIGINT) or
 * SIGTERM stops everything and deletes its data.
 */
@Command(name = "kafka-instance", mixinStandardHelpOptions = true, versionProvider = KafkaInstanceVersion.class,
        description = {"Starts a throwaway Kafka cluster (and ZooKeeper) on localhost until you press Ctrl-C.",
                "While it runs, it reads fault commands from standard input, one per line: " + FaultConsole.USAGE + "."})
public final class KafkaInstanceCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "1", paramLabel = "BROKERS",
            description = "How many brokers to start (1 to 9; default ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "First broker port; busy ports are skipped (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--zookeeper-port", defaultValue = "2181", paramLabel = "PORT",
            description = "ZooKeeper port, or the next free one above it (default ${DEFAULT-VALUE}).")
    int zookeeperPort;

    @Option(names = "--no-zookeeper", description = "Start no ZooKeeper server.")
    boolean noZookeeper;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    KafkaInstanceCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the command; the JVM exits when the cluster has been stopped by a signal. */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(commandLine(System.out).execute(args));
    }

    /** The command line that runs this command, printing the cluster's addresses to {@code out}. */
    static CommandLine commandLine(PrintStream out) {
        return new CommandLine(new KafkaInstanceCommand(out));
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        EmbeddedKafkaCluster cluster = configuredCluster().start();
        out.println("Cluster started.");
        out.println("Brokers: " + cluster.brokerPorts().stream()
                .map(brokerPort -> "localhost:" + brokerPort).collect(Collectors.joining(",")));
        if (cluster.hasZookeeper()) {
            out.println("Zookeeper: localhost:" + cluster.zookeeperPort());
        }
        out.println("Waiting for SIGINT to exit.");
        out.flush();
        // Fault commands until standard input ends (at once if it is /dev/null); the cluster runs on after that.
        new FaultConsole(cluster).serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        // The testkit's shutdown hook stops the cluster and deletes its data on SIGINT or SIGTERM.
        Thread.currentThread().join();
        return 0;
    }

    /** The cluster the arguments ask for; a value out of range is a usage error (exit code 2), not a stack trace. */
    private EmbeddedKafkaCluster.Builder configuredCluster() {
        try {
            return EmbeddedKafkaCluster.builder()
                    .brokers(brokers)
                    .firstBrokerPort(port)
                    .zookeeper(!noZookeeper)
                    .zookeeperPort(zookeeperPort);
        } catch (IllegalArgumentException outOfRange) {
            throw new ParameterException(spec.commandLine(), outOfRange.getMessage());
        }
    }
}

package dev.gregor.testkit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultProxy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kafka-instance [BROKERS] [--port P] [--zookeeper-port Z] [--no-zookeeper] [--proxy [--latency MS]
 * [--cut-after MIN-MAX]]}: starts a throwaway cluster, prints where it listens, answers fault commands on standard
 * input ({@link FaultConsole}), and on Ctrl-C (SIGINT) or SIGTERM stops everything and deletes its data.
 */
@Command(name = "kafka-instance", mixinStandardHelpOptions = true, versionProvider = KafkaInstanceVersion.class,
        description = {"Starts a throwaway Kafka cluster (and ZooKeeper) on localhost until you press Ctrl-C.",
                "While it runs, it reads fault commands from standard input, one per line: " + FaultConsole.USAGE + "."})
public final class KafkaInstanceCommand implements Callable<Integer> {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})-(\\d{1,9})");

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

    @Option(names = "--proxy", description = "Put a fault proxy in front of each broker; clients reach the brokers"
            + " only through it (the printed ports are the proxies').")
    boolean proxy;

    @Option(names = "--latency", paramLabel = "MS", description = "With --proxy: add MS milliseconds each way.")
    Integer latencyMs;

    @Option(names = "--cut-after", paramLabel = "MIN-MAX", description = "With --proxy: cut each connection MIN to MAX"
            + " milliseconds after it is dialled (e.g. 500-1500).")
    String cutAfter;

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

    /**
     * The command line that runs this command, printing the cluster's addresses to {@code out}; also the
     * {@code gregor instance} subcommand.
     */
    public static CommandLine commandLine(PrintStream out) {
        return new CommandLine(new KafkaInstanceCommand(out));
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Faults faults = faults();
        EmbeddedKafkaCluster cluster = configuredCluster().start();
        if (proxy) {
            for (int i = 0; i < cluster.brokerCount(); i++) {
                faults.applyTo(cluster.proxy(i));
            }
        }
        out.println("Cluster started.");
        out.println("Brokers: " + cluster.brokerPorts().stream()
                .map(brokerPort -> "localhost:" + brokerPort).collect(Collectors.joining(",")));
        if (proxy) {
            out.println("Fault proxies: " + faults + " (the brokers advertise the proxies' ports)");
        }
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
            EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder()
                    .brokers(brokers)
                    .firstBrokerPort(port)
                    .zookeeper(!noZookeeper)
                    .zookeeperPort(zookeeperPort);
            return proxy ? builder.faultProxies() : builder;
        } catch (IllegalArgumentException outOfRange) {
            throw new ParameterException(spec.commandLine(), outOfRange.getMessage());
        }
    }

    /** The proxies' faults the options ask for; a bad value or a fault without --proxy is a usage error. */
    private Faults faults() {
        if (!proxy && (latencyMs != null || cutAfter != null)) {
            throw new ParameterException(spec.commandLine(), "--latency and --cut-after need --proxy");
        }
        if (latencyMs != null && latencyMs < 0) {
            throw new ParameterException(spec.commandLine(), "--latency must be zero or more milliseconds, was " + latencyMs);
        }
        Duration[] cut = null;
        if (cutAfter != null) {
            Matcher range = RANGE.matcher(cutAfter);
            if (!range.matches() || Long.parseLong(range.group(1)) > Long.parseLong(range.group(2))) {
                throw new ParameterException(spec.commandLine(),
                        "--cut-after must be MIN-MAX in milliseconds with MIN <= MAX (e.g. 500-1500), was '" + cutAfter + "'");
            }
            cut = new Duration[] {Duration.ofMillis(Long.parseLong(range.group(1))),
                    Duration.ofMillis(Long.parseLong(range.group(2)))};
        }
        return new Faults(latencyMs == null ? null : Duration.ofMillis(latencyMs), cut);
    }

    /** What --latency and --cut-after set on every proxy. */
    private record Faults(Duration latency, Duration[] cutAfter) {

        void applyTo(FaultProxy proxy) {
            if (latency != null) {
                proxy.latency(latency);
            }
            if (cutAfter != null) {
                proxy.cutAfterDial(cutAfter[0], cutAfter[1]);
            }
        }

        @Override
        public String toString() {
            if (latency == null && cutAfter == null) {
                return "no faults yet";
            }
            return (latency == null ? "" : latency.toMillis() + " ms latency each way")
                    + (latency != null && cutAfter != null ? ", " : "")
                    + (cutAfter == null ? "" : "each connection cut " + cutAfter[0].toMillis() + "-"
                    + cutAfter[1].toMillis() + " ms after it is dialled");
        }
    }
}

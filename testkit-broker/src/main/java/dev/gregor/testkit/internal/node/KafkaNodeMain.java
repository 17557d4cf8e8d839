package dev.gregor.testkit.internal.node;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one combined broker+controller Kafka node in this JVM and answers the testkit over standard input/output.
 *
 * <p>Arguments: {@code <server.properties> <cluster id> <node id> <bootstrap host:port> <storage marker file>}, then
 * any extra {@code kafka-storage format} arguments (such as {@code --add-scram} credentials).
 * Formats the storage on first start, starts {@code kafka.Kafka}, prints {@code READY} once the node serves as an
 * unfenced broker, then reads one command per line and answers each with {@code OK}, {@code OK <result>} or
 * {@code ERROR <why>}: {@code create-topic <name> <partitions> <replication factor>},
 * {@code describe-partition <topic> <partition>} (result: {@code <leader or -1> [replicas] [isr]}),
 * {@code elect-preferred <topic>} and {@code move-leader <topic> <partition> <broker>} (both return once the
 * leaders are in place). Standard output is the control channel only
 * (everything else printed goes to standard error). End of standard input means the testkit is gone: the node
 * shuts down, so no broker outlives the JVM that started it.
 */
public final class KafkaNodeMain {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private final PrintStream control;
    private final int nodeId;
    private final Admin admin;
    /**
     * For leadership work, whose requests are all safe to repeat: a short request timeout, so that a request sent
     * to a paused (SIGSTOPped) broker is soon retried on another one instead of holding the command up.
     */
    private final Admin leadershipAdmin;

    private KafkaNodeMain(PrintStream control, int nodeId, String bootstrap) {
        this.control = control;
        this.nodeId = nodeId;
        this.admin = admin(bootstrap, "gregor-testkit-node-" + nodeId, Duration.ofSeconds(10));
        this.leadershipAdmin = admin(bootstrap, "gregor-testkit-node-" + nodeId + "-leadership", Duration.ofSeconds(2));
    }

    private static Admin admin(String bootstrap, String clientId, Duration requestTimeout) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout.toMillis()),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
    }

    /** Entry point of the child JVM; see the class comment for the arguments and the protocol. */
    public static void main(String[] args) throws Exception {
        PrintStream control = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        String config = args[0];
        String clusterId = args[1];
        int nodeId = Integer.parseInt(args[2]);
        Path formattedMarker = Path.of(args[4]);
        try {
            formatStorageOnce(config, clusterId, formattedMarker, Arrays.asList(args).subList(5, args.length));
            startBroker(config);
            KafkaNodeMain node = new KafkaNodeMain(control, nodeId, args[3]);
            node.awaitServing();
            control.println("READY");
            node.serveCommands();
        } catch (Exception | Error e) {
            e.printStackTrace();
            control.println("FAILED " + oneLine(e));
        }
        exitGracefully();
    }

    private static void formatStorageOnce(String config, String clusterId, Path formattedMarker, List<String> extra)
            throws Exception {
        if (Files.exists(formattedMarker)) {
            return;
        }
        List<String> format = new ArrayList<>(List.of(
                "format", "--cluster-id", clusterId, "--config", config, "--ignore-formatted"));
        format.addAll(extra);
        int exitCode = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.err);
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format exited with " + exitCode + " (see the node's log)");
        }
        Files.createFile(formattedMarker);
    }

    private static void startBroker(String config) {
        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {config}), "kafka-main");
        broker.setDaemon(true);
        broker.start();
    }

    private void awaitServing() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                boolean registered = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                        .anyMatch(node -> node.id() == nodeId);
                if (registered) {
                    return;
                }
            } catch (Exception notYet) {
                // The broker is still starting: its listener refuses connections or its metadata is not ready yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node " + nodeId + " did not become a serving broker within " + READY_TIMEOUT);
    }

    private void serveCommands() throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            try {
                String result = execute(line.trim().split(" "));
                control.println(result.isEmpty() ? "OK" : "OK " + result);
            } catch (Exception e) {
                control.println("ERROR " + oneLine(e));
            }
        }
    }

    private String execute(String[] command) throws Exception {
        if (command[0].equals("create-topic") && command.length == 4) {
            createTopic(command[1], Integer.parseInt(command[2]), Short.parseShort(command[3]));
            return "";
        }
        Leadership leadership = new Leadership(leadershipAdmin, COMMAND_TIMEOUT);
        if (command[0].equals("describe-partition") && command.length == 3) {
            return leadership.describe(new TopicPartition(command[1], Integer.parseInt(command[2])));
        }
        if (command[0].equals("elect-preferred") && command.length == 2) {
            leadership.electPreferred(command[1]);
            return "";
        }
        if (command[0].equals("move-leader") && command.length == 4) {
            leadership.move(new TopicPartition(command[1], Integer.parseInt(command[2])), Integer.parseInt(command[3]));
            return "";
        }
        throw new IllegalArgumentException("unknown command: " + String.join(" ", command));
    }

    private void createTopic(String name, int partitions, short replicationFactor) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor)))
                .all().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (!allPartitionsLed(name, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + name + " has partitions without a leader after " + COMMAND_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private boolean allPartitionsLed(String topic, int partitions) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(topic);
            return description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (Exception notYetPropagated) {
            return false;
        }
    }

    /** Lets Kafka's shutdown hook close the node cleanly, but never hangs: a stuck shutdown is cut short. */
    private static void exitGracefully() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE.toMillis());
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(3);
        }, "shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(0);
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return (root.getClass().getSimpleName() + ": " + root.getMessage()).replace('\n', ' ');
    }
}

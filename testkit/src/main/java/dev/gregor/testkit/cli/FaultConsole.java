package dev.gregor.testkit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalInt;

import dev.gregor.testkit.EmbeddedKafkaCluster;

/**
 * The fault commands that {@code kafka-instance} reads from standard input while its cluster runs, one per line,
 * each answered with one line: brokers ({@code kill N}, {@code start N}, {@code restart N}, {@code pause N},
 * {@code resume N}), ZooKeeper ({@code zk-stop}, {@code zk-start}) and leadership ({@code leader TOPIC P},
 * {@code move TOPIC P BROKER}).
 */
final class FaultConsole {

    static final String USAGE = "commands: kill N | start N | restart N | pause N | resume N | zk-stop | zk-start"
            + " | leader TOPIC P | move TOPIC P BROKER | help";

    private final EmbeddedKafkaCluster cluster;

    FaultConsole(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Answers each line of {@code in} on {@code out} until {@code in} ends; blank lines get no answer. */
    void serve(BufferedReader in, PrintStream out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) {
                out.println(answer(line));
                out.flush();
            }
        }
    }

    /** Runs one command and says in one line what happened, or why it did not. */
    String answer(String line) {
        List<String> words = List.of(line.trim().split("\\s+"));
        try {
            return run(words);
        } catch (NumberFormatException notANumber) {
            return "error: '" + line.trim() + "' needs whole numbers where it says N, P or BROKER; " + USAGE;
        } catch (RuntimeException failed) {
            String message = String.valueOf(failed.getMessage());
            return "error: " + message.lines().findFirst().orElse(message);
        }
    }

    private String run(List<String> words) {
        String command = words.get(0);
        int arguments = words.size() - 1;
        if (arguments == 0) {
            switch (command) {
                case "help":
                    return USAGE;
                case "zk-stop":
                    cluster.stopZookeeper();
                    return "zookeeper stopped";
                case "zk-start":
                    cluster.startZookeeper();
                    return "zookeeper started on localhost:" + cluster.zookeeperPort();
                default:
                    return unknown(words);
            }
        }
        if (arguments == 1 && List.of("kill", "start", "restart", "pause", "resume").contains(command)) {
            return broker(command, Integer.parseInt(words.get(1)));
        }
        if (arguments == 2 && command.equals("leader")) {
            return leadership(words.get(1), Integer.parseInt(words.get(2)));
        }
        if (arguments == 3 && command.equals("move")) {
            int partition = Integer.parseInt(words.get(2));
            cluster.moveLeader(words.get(1), partition, Integer.parseInt(words.get(3)));
            return leadership(words.get(1), partition);
        }
        return unknown(words);
    }

    private String broker(String command, int broker) {
        switch (command) {
            case "kill" -> cluster.killBroker(broker);
            case "start" -> cluster.startBroker(broker);
            case "restart" -> cluster.restartBroker(broker);
            case "pause" -> cluster.pauseBroker(broker);
            default -> cluster.resumeBroker(broker);
        }
        return "broker " + broker + " " + command + (command.endsWith("e") ? "d" : "ed");
    }

    private String leadership(String topic, int partition) {
        OptionalInt leader = cluster.leader(topic, partition);
        return topic + "-" + partition + ": leader " + (leader.isPresent() ? leader.getAsInt() : "none")
                + ", replicas " + cluster.replicas(topic, partition) + ", isr " + cluster.inSyncReplicas(topic, partition);
    }

    private static String unknown(List<String> words) {
        return "unknown command '" + String.join(" ", words) + "'; " + USAGE;
    }
}

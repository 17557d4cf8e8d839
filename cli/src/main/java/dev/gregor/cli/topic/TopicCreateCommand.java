package dev.gregor.cli.topic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.KafkaClient;
import dev.gregor.admin.TopicSpec;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gregor topic create NAME [--partitions N] [--replication-factor R] [--config k=v]... [--replica-assignment A]}. */
@Command(name = "create", description = "Creates a topic; without --partitions or --replication-factor the brokers'"
        + " defaults apply.")
final class TopicCreateCommand extends ConnectedCommand {

    @Parameters(paramLabel = "NAME", description = "The topic.")
    String name;

    @Option(names = "--partitions", paramLabel = "N", description = "How many partitions (default: the brokers').")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "R", description = "How many replicas of each partition"
            + " (default: the brokers').")
    Integer replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic config; repeatable.")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--replica-assignment", paramLabel = "ASSIGNMENT", description = "Brokers by partition, partitions"
            + " separated by commas and brokers by colons, preferred leader first: 0:1,1:2 puts partition 0 on brokers 0"
            + " and 1 and partition 1 on brokers 1 and 2. Instead of --partitions and --replication-factor.")
    String replicaAssignment;

    TopicCreateCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        TopicSpec spec = spec().withConfigs(configs);
        client.admin().createTopic(spec);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("topic", name);
        data.put("partitions", counted(spec.partitions(), spec.replicaAssignment().size()));
        data.put("replicationFactor", counted(spec.replicationFactor(),
                spec.replicaAssignment().values().stream().findFirst().map(List::size).orElse(0)));
        output.done("Created topic '" + name + "' (" + described(data.get("partitions")) + " partitions, replication "
                + described(data.get("replicationFactor")) + ").", data);
        return 0;
    }

    private TopicSpec spec() {
        if (replicaAssignment == null) {
            return TopicSpec.of(name, partitions == null ? TopicSpec.BROKER_DEFAULT : partitions,
                    replicationFactor == null ? TopicSpec.BROKER_DEFAULT : replicationFactor);
        }
        if (partitions != null || replicationFactor != null) {
            throw usageError("--replica-assignment decides the partitions and replication: leave out --partitions and"
                    + " --replication-factor");
        }
        return TopicSpec.withAssignment(name, assignment(replicaAssignment));
    }

    private Map<Integer, List<Integer>> assignment(String text) {
        Map<Integer, List<Integer>> assignment = new TreeMap<>();
        String[] perPartition = text.split(",", -1);
        for (int partition = 0; partition < perPartition.length; partition++) {
            List<Integer> brokers = new ArrayList<>();
            for (String broker : perPartition[partition].split(":", -1)) {
                try {
                    brokers.add(Integer.parseInt(broker.trim()));
                } catch (NumberFormatException e) {
                    throw usageError("--replica-assignment '" + text + "' is not brokers by partition: write broker ids"
                            + " separated by colons, partitions by commas, e.g. 0:1,1:2");
                }
            }
            assignment.put(partition, brokers);
        }
        return assignment;
    }

    /** The number asked for, or the one the assignment gives, or null for the brokers' default. */
    private static Integer counted(int asked, int fromAssignment) {
        if (fromAssignment > 0) {
            return fromAssignment;
        }
        return asked == TopicSpec.BROKER_DEFAULT ? null : asked;
    }

    private static String described(Object count) {
        return count == null ? "the brokers' default" : count.toString();
    }
}

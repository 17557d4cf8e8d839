package dev.gregor.cli.topic;

import dev.gregor.KafkaClient;
import dev.gregor.Partition;
import dev.gregor.Topic;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gregor topics [--internal]}: the cluster's topics with their partition counts and replication. */
@Command(name = "topics", description = "Lists the topics: name, partitions, replication factor.")
public final class TopicsCommand extends ConnectedCommand {

    @Option(names = "--internal", description = "Include Kafka's internal topics (__consumer_offsets, ...).")
    boolean internal;

    TopicsCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        Table table = new Table("TOPIC", "PARTITIONS", "REPLICATION");
        for (Topic topic : client.topics(internal).values()) {
            var partitions = topic.partitions();
            table.row(topic.name(), partitions.size(), partitions.stream().mapToInt(TopicsCommand::replicas).max()
                    .orElse(0));
        }
        output.table(table);
        return 0;
    }

    private static int replicas(Partition partition) {
        return partition.replicas().size();
    }
}

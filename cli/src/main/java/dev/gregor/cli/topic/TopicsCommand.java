package dev.gregor.cli.topic;

import java.util.Comparator;

import dev.gregor.KafkaClient;
import dev.gregor.admin.TopicListing;
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
        client.admin().listTopics(internal).stream()
                .sorted(Comparator.comparing(TopicListing::name))
                .forEach(topic -> table.row(topic.name(), topic.partitions(), topic.replicationFactor()));
        output.table(table);
        return 0;
    }
}

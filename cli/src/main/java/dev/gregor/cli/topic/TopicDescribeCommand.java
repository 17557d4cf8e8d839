package dev.gregor.cli.topic;

import dev.gregor.Broker;
import dev.gregor.KafkaClient;
import dev.gregor.Partition;
import dev.gregor.admin.TopicDescription;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Report;
import dev.gregor.cli.support.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gregor topic describe NAME}: a topic's id, partitions (leader, replicas, in-sync replicas) and configs set on it. */
@Command(name = "describe", description = "Shows a topic's partitions (leader, replicas, in-sync replicas) and the"
        + " configs set on it.")
final class TopicDescribeCommand extends ConnectedCommand {

    @Parameters(paramLabel = "NAME", description = "The topic.")
    String name;

    TopicDescribeCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        TopicDescription topic = client.admin().describeTopic(name);
        Table partitions = new Table("PARTITION", "LEADER", "REPLICAS", "ISR");
        for (Partition partition : topic.partitions()) {
            partitions.row(partition.id(), partition.leader().map(Broker::id).orElse(null),
                    partition.replicas().stream().map(Broker::id).toList(),
                    partition.isr().stream().map(Broker::id).toList());
        }
        output.report(new Report()
                .value("Topic", topic.name())
                .value("Id", topic.topicId().orElse(null))
                .value("Internal", topic.internal())
                .value("Partition count", topic.partitions().size())
                .table("Partitions", partitions)
                .table("Configs", Configs.table(topic.overriddenConfigs())));
        return 0;
    }
}

package dev.gregor.cli.topic;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gregor topic add-partitions NAME --partitions TOTAL}: grows a topic. */
@Command(name = "add-partitions", description = "Grows a topic to more partitions (Kafka cannot shrink one; keys then"
        + " map to other partitions than before).")
final class TopicAddPartitionsCommand extends ConnectedCommand {

    @Parameters(paramLabel = "NAME", description = "The topic.")
    String name;

    @Option(names = "--partitions", required = true, paramLabel = "TOTAL", description = "The partition count after.")
    int partitions;

    TopicAddPartitionsCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        int before = client.topic(name).partitions().size();
        if (partitions <= before) {
            throw usageError("--partitions must be more than the " + before + " topic '" + name + "' has (Kafka"
                    + " cannot shrink a topic), was " + partitions);
        }
        client.admin().addPartitions(name, partitions);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("topic", name);
        data.put("partitionsBefore", before);
        data.put("partitions", partitions);
        output.done("Topic '" + name + "' grew from " + before + " to " + partitions + " partitions.", data);
        return 0;
    }
}

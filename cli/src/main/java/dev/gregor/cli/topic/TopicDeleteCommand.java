package dev.gregor.cli.topic;

import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gregor topic delete NAME}: deletes a topic and its records. */
@Command(name = "delete", description = "Deletes a topic and all its records.")
final class TopicDeleteCommand extends ConnectedCommand {

    @Parameters(paramLabel = "NAME", description = "The topic.")
    String name;

    TopicDeleteCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        client.topic(name);
        client.deleteTopic(name);
        output.done("Deleted topic '" + name + "'.", Map.of("topic", name));
        return 0;
    }
}

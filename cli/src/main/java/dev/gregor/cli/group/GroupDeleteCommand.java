package dev.gregor.cli.group;

import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gregor group delete GROUP}: deletes a group without live members, and its committed offsets. */
@Command(name = "delete", description = "Deletes a group that has no live members, with its committed offsets.")
final class GroupDeleteCommand extends ConnectedCommand {

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    GroupDeleteCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        client.admin().deleteGroup(group);
        output.done("Deleted group '" + group + "'.", Map.of("group", group));
        return 0;
    }
}

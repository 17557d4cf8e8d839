package dev.gregor.cli.group;

import java.util.Comparator;

import dev.gregor.KafkaClient;
import dev.gregor.admin.GroupListing;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Table;
import picocli.CommandLine.Command;

/** {@code gregor groups}: every group the cluster knows, with its type and state. */
@Command(name = "groups", description = "Lists the consumer groups: id, type, state, protocol type.")
public final class GroupsCommand extends ConnectedCommand {

    GroupsCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        Table table = new Table("GROUP", "TYPE", "STATE", "PROTOCOL-TYPE");
        client.admin().listGroups().stream()
                .sorted(Comparator.comparing(GroupListing::groupId))
                .forEach(group -> table.row(group.groupId(), group.type().name(), group.state(),
                        group.protocolType().isEmpty() ? null : group.protocolType()));
        output.table(table);
        return 0;
    }
}

package dev.gregor.cli.group;

import dev.gregor.Broker;
import dev.gregor.KafkaClient;
import dev.gregor.admin.GroupDescription;
import dev.gregor.admin.GroupMember;
import dev.gregor.admin.PartitionLag;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Report;
import dev.gregor.cli.support.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gregor group describe GROUP}: the group's state and, per partition, its committed offset, the log end offset,
 * the lag and the member reading it (as kafka-consumer-groups --describe shows them).
 */
@Command(name = "describe", description = "Shows a group's state and, per partition: CURRENT-OFFSET, LOG-END-OFFSET,"
        + " LAG and the member (CONSUMER-ID, HOST, CLIENT-ID) reading it.")
final class GroupDescribeCommand extends ConnectedCommand {

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    GroupDescribeCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        GroupDescription description = client.admin().describeGroup(group);
        Table partitions = new Table("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
                "CONSUMER-ID", "HOST", "CLIENT-ID");
        for (PartitionLag lag : client.admin().lag(group)) {
            GroupMember member = lag.member().orElse(null);
            partitions.row(group, lag.partition().topic(), lag.partition().partition(),
                    lag.committed().isPresent() ? lag.committed().getAsLong() : null, lag.logEndOffset(),
                    lag.lag().isPresent() ? lag.lag().getAsLong() : null,
                    member == null ? null : member.memberId(), member == null ? null : member.host(),
                    member == null ? null : member.clientId());
        }
        output.report(new Report()
                .value("Group", description.groupId())
                .value("Type", description.type().name())
                .value("State", description.state())
                .value("Assignor", description.assignor().isEmpty() ? null : description.assignor())
                .value("Coordinator", description.coordinator().map(Broker::id).orElse(null))
                .value("Members", description.members().size())
                .table("Partitions", partitions));
        return 0;
    }
}

package dev.gregor.cli.group;

import picocli.CommandLine.Command;

/** {@code gregor group describe|delete GROUP}: one consumer group. */
@Command(name = "group", description = "Describes (offsets, lag, members) or deletes one consumer group.",
        subcommands = {GroupDescribeCommand.class, GroupDeleteCommand.class})
public final class GroupCommand {
}

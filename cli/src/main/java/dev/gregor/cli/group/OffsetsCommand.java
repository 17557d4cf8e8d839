package dev.gregor.cli.group;

import picocli.CommandLine.Command;

/** {@code gregor offsets reset ...}: a group's committed offsets. */
@Command(name = "offsets", description = "Changes a consumer group's committed offsets.",
        subcommands = OffsetsResetCommand.class)
public final class OffsetsCommand {
}

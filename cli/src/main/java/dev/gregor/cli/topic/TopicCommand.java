package dev.gregor.cli.topic;

import picocli.CommandLine.Command;

/** {@code gregor topic describe|create|delete|add-partitions|config NAME}: one topic. */
@Command(name = "topic", description = "Describes, creates, deletes, grows or configures one topic.",
        subcommands = {TopicDescribeCommand.class, TopicCreateCommand.class, TopicDeleteCommand.class,
                TopicAddPartitionsCommand.class, TopicConfigCommand.class})
public final class TopicCommand {
}

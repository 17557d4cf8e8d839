package dev.gregor.cli.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.GroupNotEmptyException;
import dev.gregor.KafkaClient;
import dev.gregor.Partition;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownGroupException;
import dev.gregor.admin.Admin;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Report;
import dev.gregor.cli.support.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gregor offsets reset GROUP --topic T [--partition N]... TARGET [--dry-run|--execute]}: plans new committed
 * offsets (clamped to each partition's earliest and latest) and prints them; commits them with {@code --execute}.
 * Refused while the group has live members.
 */
@Command(name = "reset", description = "Moves a group's committed offsets of a topic. Prints the plan (TOPIC PARTITION"
        + " CURRENT NEW) and changes nothing unless --execute is given. Refused while the group has live members.")
final class OffsetsResetCommand extends ConnectedCommand {

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic whose offsets to move.")
    String topicName;

    @Option(names = "--partition", paramLabel = "N", split = ",", description = "Only these partitions (repeatable or"
            + " comma-separated; default: all).")
    List<Integer> partitions = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    ResetTarget target;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    /** Whether to commit the plan or only print it. */
    static final class Mode {
        @Option(names = "--dry-run", description = "Only print the plan (the default).")
        boolean dryRun;

        @Option(names = "--execute", description = "Commit the plan.")
        boolean execute;
    }

    OffsetsResetCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        Admin admin = client.admin();
        Topic topic = client.topic(topicName);
        requireNoMembers(admin);
        Map<TopicPartition, Long> committed = committedOffsets(admin);
        Map<TopicPartition, Long> plan = plan(topic, committed);
        if (mode.execute) {
            admin.alterGroupOffsets(group, plan);
        }
        Table table = new Table("TOPIC", "PARTITION", "CURRENT", "NEW");
        plan.forEach((partition, offset) -> table.row(partition.topic(), partition.partition(),
                committed.get(partition), offset));
        output.report(new Report()
                .value("Group", group)
                .value("Executed", mode.execute)
                .table("Offsets", table));
        if (!mode.execute) {
            output.err().println("Dry run: nothing was changed. Run again with --execute to commit these offsets.");
        }
        return 0;
    }

    /** A group with members would overwrite the new offsets with its own: refuse before anything changes. */
    private void requireNoMembers(Admin admin) {
        try {
            if (!admin.describeGroup(group).members().isEmpty()) {
                throw new GroupNotEmptyException(group, "reset the offsets of");
            }
        } catch (UnknownGroupException newGroup) {
            // A group nobody used yet: the reset gives it its first offsets.
        }
    }

    /** The group's committed offsets; none for a group nobody used yet (the reset gives it its first ones). */
    private Map<TopicPartition, Long> committedOffsets(Admin admin) {
        try {
            return admin.groupOffsets(group);
        } catch (UnknownGroupException newGroup) {
            return Map.of();
        }
    }

    private Map<TopicPartition, Long> plan(Topic topic, Map<TopicPartition, Long> committed) {
        Map<Integer, Long> earliest = topic.earliestOffsets();
        Map<Integer, Long> latest = topic.latestOffsets();
        Map<Integer, Long> byTime = target.offsetsByTime(topic, Instant.now());
        List<Integer> ids = partitions.isEmpty() ? topic.partitions().stream().map(Partition::id).toList()
                : partitions.stream().peek(topic::partition).distinct().sorted().toList();
        Map<TopicPartition, Long> plan = new TreeMap<>();
        for (int id : ids) {
            TopicPartition partition = new TopicPartition(topicName, id);
            long wanted = target.target(topic, id, committed.get(partition), earliest.get(id), latest.get(id), byTime);
            plan.put(partition, Math.max(earliest.get(id), Math.min(latest.get(id), wanted)));
        }
        return plan;
    }
}

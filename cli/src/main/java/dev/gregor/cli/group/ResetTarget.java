package dev.gregor.cli.group;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import dev.gregor.Topic;
import dev.gregor.cli.support.CliException;
import dev.gregor.cli.support.Timestamps;
import picocli.CommandLine.Option;

/**
 * Where {@code offsets reset} moves a group's offsets: exactly one of {@code --to-earliest}, {@code --to-latest},
 * {@code --to-datetime}, {@code --to-offset}, {@code --shift-by} or {@code --by-duration}.
 */
final class ResetTarget {

    @Option(names = "--to-earliest", required = true, description = "To each partition's first offset.")
    boolean earliest;

    @Option(names = "--to-latest", required = true, description = "To each partition's end (skip everything there is).")
    boolean latest;

    @Option(names = "--to-datetime", required = true, paramLabel = "DATETIME", description = "To the first record at or"
            + " after DATETIME (2024-05-01T12:00:00Z, or without a zone in this machine's).")
    String datetime;

    @Option(names = "--to-offset", required = true, paramLabel = "N", description = "To offset N in every partition.")
    Long offset;

    @Option(names = "--shift-by", required = true, paramLabel = "N", description = "N offsets on from the committed ones"
            + " (negative: back).")
    Long shift;

    @Option(names = "--by-duration", required = true, paramLabel = "DURATION", description = "To the first record"
            + " written at most DURATION ago (ISO: PT1H, P1DT12H).")
    Duration ago;

    /**
     * The offset each partition moves to, before clamping to its earliest and latest.
     *
     * @param current the group's committed offsets by partition (absent where it has none)
     */
    long target(Topic topic, int partition, Long current, long earliestOffset, long latestOffset,
                Map<Integer, Long> byTime) {
        if (earliest) {
            return earliestOffset;
        }
        if (latest) {
            return latestOffset;
        }
        if (offset != null) {
            return offset;
        }
        if (shift != null) {
            if (current == null) {
                throw new CliException("Partition " + topic.name() + "-" + partition + " has no committed offset to"
                        + " shift from: reset it with --to-earliest, --to-latest or --to-offset, or leave it out with"
                        + " --partition; nothing was changed.");
            }
            return current + shift;
        }
        long found = byTime.getOrDefault(partition, -1L);
        return found < 0 ? latestOffset : found;
    }

    /** For the time targets, each partition's first offset at or after the time (-1 where none); else empty. */
    Map<Integer, Long> offsetsByTime(Topic topic, Instant now) {
        if (ago != null) {
            return topic.offsetsForTimestamp(now.minus(ago).toEpochMilli());
        }
        if (datetime != null) {
            try {
                return topic.offsetsForTimestamp(Timestamps.parse(datetime, ZoneId.systemDefault()).toEpochMilli());
            } catch (DateTimeException malformed) {
                throw new CliException("--to-datetime '" + datetime + "' is not a time: write " + Timestamps.FORMATS
                        + "; nothing was changed.");
            }
        }
        return Map.of();
    }
}

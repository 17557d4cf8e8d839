package dev.gregor.cli.consume;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.Topic;
import dev.gregor.cli.support.Timestamps;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code consume --from} starts in each partition: {@code beginning}, {@code end}, {@code -N} (N records before
 * each partition's end), an offset, {@code @TIMESTAMP} (epoch milliseconds) or an ISO date-time. Offsets are kept
 * within each partition's earliest and latest.
 *
 * @param kind  which of those
 * @param value the offset, record count or epoch milliseconds
 */
record StartPosition(Kind kind, long value) {

    /** The ways to say where to start. */
    enum Kind { BEGINNING, END, BEFORE_END, OFFSET, TIME }

    /** Each partition's start offset. */
    Map<Integer, Long> resolve(Topic topic, Iterable<Integer> partitions, Map<Integer, Long> earliest,
                               Map<Integer, Long> latest) {
        Map<Integer, Long> byTime = kind == Kind.TIME ? topic.offsetsForTimestamp(value) : Map.of();
        Map<Integer, Long> starts = new TreeMap<>();
        for (int partition : partitions) {
            long first = earliest.get(partition);
            long end = latest.get(partition);
            long start = switch (kind) {
                case BEGINNING -> first;
                case END -> end;
                case BEFORE_END -> end - value;
                case OFFSET -> value;
                case TIME -> byTime.getOrDefault(partition, -1L) < 0 ? end : byTime.get(partition);
            };
            starts.put(partition, Math.max(first, Math.min(end, start)));
        }
        return starts;
    }

    /** Reads {@code --from}. */
    static final class Converter implements ITypeConverter<StartPosition> {

        @Override
        public StartPosition convert(String text) {
            String trimmed = text.trim();
            try {
                if (trimmed.equals("beginning")) {
                    return new StartPosition(Kind.BEGINNING, 0);
                }
                if (trimmed.equals("end")) {
                    return new StartPosition(Kind.END, 0);
                }
                if (trimmed.startsWith("-")) {
                    return new StartPosition(Kind.BEFORE_END, Long.parseLong(trimmed.substring(1)));
                }
                if (trimmed.startsWith("@")) {
                    return new StartPosition(Kind.TIME, Long.parseLong(trimmed.substring(1)));
                }
                if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
                    return new StartPosition(Kind.OFFSET, Long.parseLong(trimmed));
                }
                return new StartPosition(Kind.TIME, Timestamps.parse(trimmed, ZoneId.systemDefault()).toEpochMilli());
            } catch (NumberFormatException | DateTimeException malformed) {
                throw new TypeConversionException("'" + text + "' is not a start position: write beginning, end, -N"
                        + " (N records before each partition's end), an offset, @EPOCH_MILLIS, or " + Timestamps.FORMATS);
            }
        }
    }
}

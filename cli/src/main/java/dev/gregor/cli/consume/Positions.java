package dev.gregor.cli.consume;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.gregor.Message;
import dev.gregor.TopicPartition;

/**
 * Where {@code consume} is in each partition: the next offset after the last record written (what a group commits),
 * and, with {@code --exit}, which partitions have not yet reached the end they had when it started.
 */
final class Positions {

    private final String topic;
    private final Map<Integer, Long> next;
    private final Map<Integer, Long> ends;
    private final Set<Integer> beforeEnd = new HashSet<>();
    private long consumed;

    /**
     * @param starts each partition's first offset to read
     * @param ends   each partition's end offset when the command started
     */
    Positions(String topic, Map<Integer, Long> starts, Map<Integer, Long> ends) {
        this.topic = topic;
        this.next = new TreeMap<>(starts);
        this.ends = ends;
        starts.forEach((partition, start) -> {
            if (start < ends.get(partition)) {
                beforeEnd.add(partition);
            }
        });
    }

    /** Notes a record written. */
    void written(Message message) {
        consumed++;
        reached(message.partitionId(), message.offset() + 1);
    }

    /**
     * Takes the consumer's positions ({@code held}: the offset before each partition's next) once everything it
     * handed out was written: a position can pass offsets that hold no record to write, such as a transaction's
     * commit marker after its last record.
     */
    void caughtUp(Map<TopicPartition, Long> held) {
        held.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && next.containsKey(partition.partition())) {
                reached(partition.partition(), Math.max(next.get(partition.partition()), offset + 1));
            }
        });
    }

    private void reached(int partition, long nextOffset) {
        next.put(partition, nextOffset);
        if (nextOffset >= ends.get(partition)) {
            beforeEnd.remove(partition);
        }
    }

    /** Whether every partition reached its end as of the start. */
    boolean allAtEnd() {
        return beforeEnd.isEmpty();
    }

    /** Records written so far. */
    long consumed() {
        return consumed;
    }

    /** How many partitions reached their end, and of how many. */
    String endsReached() {
        return (next.size() - beforeEnd.size()) + "/" + next.size();
    }

    /** The offset to commit for each partition: the one after the last record written, or where reading started. */
    Map<TopicPartition, Long> nextOffsets() {
        Map<TopicPartition, Long> offsets = new TreeMap<>();
        next.forEach((partition, offset) -> offsets.put(new TopicPartition(topic, partition), offset));
        return offsets;
    }
}

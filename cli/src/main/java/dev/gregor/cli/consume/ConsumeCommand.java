package dev.gregor.cli.consume;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Partition;
import dev.gregor.Topic;
import dev.gregor.TopicPartition;
import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Output;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gregor consume TOPIC}: prints a topic's records as kcat -C does, through one buffer flushed whenever it has
 * caught up with what was fetched, and at the end; with {@code --group}, commits the offset after the last record
 * printed.
 */
@Command(name = "consume", description = "Prints a topic's records (like kcat -C): by default each value on a line,"
        + " from the beginning, until Ctrl-C.")
public final class ConsumeCommand extends ConnectedCommand {

    private static final Duration IDLE = Duration.ofMillis(100);
    private static final int BATCH = 2_000;
    private static final long COMMIT_INTERVAL_NANOS = 5_000_000_000L;

    @Parameters(paramLabel = "TOPIC", description = "The topic to read.")
    String topicName;

    @Option(names = {"-o", "--from"}, paramLabel = "POSITION", converter = StartPosition.Converter.class,
            description = "beginning (default without --group), end, -N (N records before each partition's end), an"
                    + " offset, @EPOCH_MILLIS or an ISO date-time (2024-05-01T12:00:00Z). With --group and no --from:"
                    + " the group's committed offsets, else the beginning.")
    StartPosition from;

    @Option(names = {"-p", "--partition"}, paramLabel = "N", split = ",",
            description = "Read only these partitions (repeatable or comma-separated; default: all).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = {"-e", "--exit"}, description = "Stop at the end: when every partition reached the offset it ended"
            + " at when the command started.")
    boolean exit;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N records.")
    Long count;

    @Option(names = {"-G", "--group"}, paramLabel = "GROUP", description = "Commit the offsets read for GROUP (every 5 s"
            + " and at the end), and start at its committed offsets.")
    String group;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = RecordFormat.DEFAULT,
            description = "How to print each record: %%t topic, %%p partition, %%o offset, %%k key, %%s value, %%h headers,"
                    + " %%T timestamp, %%K/%%S key/value length, \\n \\t escapes (default: ${DEFAULT-VALUE}).")
    String format;

    ConsumeCommand(Io io) {
        super(io);
    }

    @Override
    protected int execute(KafkaClient client, Output output) {
        if (count != null && count < 1) {
            throw usageError("--count must be 1 or more, was " + count);
        }
        OutputStream buffer = new BufferedOutputStream(io.out(), 1 << 16);
        RecordWriter writer = writer(output, buffer);
        Topic topic = client.topic(topicName);
        List<Integer> ids = partitionIds(topic);
        List<TopicPartition> chosen = ids.stream().map(id -> new TopicPartition(topicName, id)).toList();
        ConsumerConfig config = ConsumerConfig.builder().consumerGroup(group).queuedMaxMessages(10_000).build();
        try (MultiTopicConsumer consumer = client.simpleConsumer(config, chosen)) {
            Map<Integer, Long> latest = topic.latestOffsets();
            Map<Integer, Long> starts = starts(topic, consumer, ids, topic.earliestOffsets(), latest);
            Map<TopicPartition, Long> resets = new TreeMap<>();
            starts.forEach((partition, offset) -> resets.put(new TopicPartition(topicName, partition), offset));
            consumer.resetOffsets(resets);
            Positions positions = new Positions(topicName, starts, latest);
            Interruption interruption = Interruption.onShutdown(consumer);
            try {
                read(consumer, writer, positions, interruption);
            } finally {
                interruption.finished();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private void read(MultiTopicConsumer consumer, RecordWriter writer, Positions positions, Interruption interruption)
            throws IOException {
        Progress progress = new Progress(io.err(), io.terminal());
        long lastCommit = System.nanoTime();
        try {
            while (!(exit && positions.allAtEnd()) && !reachedCount(positions) && !interruption.requested()) {
                int most = count == null ? BATCH : (int) Math.min(BATCH, count - positions.consumed());
                List<Message> batch = consumer.consumeBatch(most, IDLE);
                for (Message message : batch) {
                    writer.write(message);
                    positions.written(message);
                }
                if (batch.size() < most) {
                    writer.flush(); // Caught up with what was fetched: show it now rather than when the buffer fills.
                    positions.caughtUp(consumer.heldOffsets());
                }
                if (io.out().checkError()) {
                    return; // The reader went away (| head): stop like kcat does on a closed pipe.
                }
                progress.update(() -> positions.consumed() + " records, " + positions.endsReached()
                        + " partitions at their end");
                if (group != null && System.nanoTime() - lastCommit > COMMIT_INTERVAL_NANOS) {
                    consumer.commitOffsetsAsync(positions.nextOffsets());
                    lastCommit = System.nanoTime();
                }
            }
        } finally {
            writer.flush();
            progress.clear();
            if (group != null) {
                consumer.commitOffsetsAsync(positions.nextOffsets()).join();
            }
        }
    }

    private boolean reachedCount(Positions positions) {
        return count != null && positions.consumed() >= count;
    }

    private RecordWriter writer(Output output, OutputStream buffer) {
        if (output.json()) {
            return new JsonRecordWriter(buffer);
        }
        try {
            return new RecordFormat(format, buffer);
        } catch (IllegalArgumentException unknownField) {
            throw usageError(unknownField.getMessage());
        }
    }

    private List<Integer> partitionIds(Topic topic) {
        if (partitions.isEmpty()) {
            return topic.partitions().stream().map(Partition::id).toList();
        }
        partitions.forEach(topic::partition);
        return partitions.stream().distinct().sorted().toList();
    }

    /** Where each partition starts: --from, else the group's committed offset, else the beginning. */
    private Map<Integer, Long> starts(Topic topic, MultiTopicConsumer consumer, List<Integer> ids,
                                      Map<Integer, Long> earliest, Map<Integer, Long> latest) {
        if (from != null) {
            return from.resolve(topic, ids, earliest, latest);
        }
        Map<Integer, Long> starts = new TreeMap<>();
        Map<TopicPartition, Long> committed = group == null ? Map.of() : consumer.fetchOffsets();
        for (int id : ids) {
            long offset = committed.getOrDefault(new TopicPartition(topicName, id), -1L);
            starts.put(id, offset < 0 ? earliest.get(id) : Math.max(earliest.get(id), Math.min(latest.get(id), offset)));
        }
        return starts;
    }

    /** Ctrl-C (or SIGTERM) while reading: the reading loop stops, flushes and commits before the JVM exits. */
    private static final class Interruption {

        private final MultiTopicConsumer consumer;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile boolean requested;
        private Thread hook;

        private Interruption(MultiTopicConsumer consumer) {
            this.consumer = consumer;
        }

        static Interruption onShutdown(MultiTopicConsumer consumer) {
            Interruption interruption = new Interruption(consumer);
            interruption.hook = new Thread(interruption::stop, "gregor-consume-shutdown");
            Runtime.getRuntime().addShutdownHook(interruption.hook);
            return interruption;
        }

        private void stop() {
            requested = true;
            consumer.wakeup();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean requested() {
            return requested;
        }

        /** The loop ended: a shutdown waiting on it may go on; no later shutdown waits for it. */
        void finished() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting: the hook is running and has just been released.
            }
        }
    }
}

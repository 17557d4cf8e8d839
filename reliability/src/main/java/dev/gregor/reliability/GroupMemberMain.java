package dev.gregor.reliability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.ClientClosedException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.RebalanceListener;

/**
 * A group member in a process of its own, for tests that SIGKILL it: runs one Gregor balanced consumer of one topic
 * or several and writes what it is given, commits and owns to a report file ({@link MemberReport}'s format, with
 * partitions numbered by {@link PartitionNumbers}: with one topic, by id), one flushed line per event, so a killed
 * member's report holds everything up to its last moment. Commits by hand, asynchronously, every {@code commit-ms}
 * (what was consumed before the commit was taken). SIGTERM closes the consumer (which commits and leaves the group)
 * and exits once the last record handed out is reported.
 *
 * <p>Arguments, as {@code name=value}: {@code bootstrap}, {@code topic} (or {@code topics}, comma-separated),
 * {@code group}, {@code report} (the file), and optionally {@code zookeeper} (balance through ZooKeeper instead of
 * Kafka's coordinator), {@code instance} (a static {@code groupInstanceId}), {@code session-ms} (default 6000),
 * {@code heartbeat-ms} (default 500), {@code commit-ms} (default 200).
 */
public final class GroupMemberMain {

    private final BufferedWriter report;
    private final CommitConfirmations confirmations = new CommitConfirmations();
    private boolean reportClosed;

    private GroupMemberMain(BufferedWriter report) {
        this.report = report;
    }

    /** Runs the member until SIGTERM; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path file = Path.of(required(options, "report"));
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        new GroupMemberMain(writer).run(options);
    }

    private void run(Map<String, String> options) throws InterruptedException {
        KafkaClient client = KafkaClient.connect(required(options, "bootstrap"));
        List<String> topics = List.of((options.containsKey("topics") ? required(options, "topics")
                : required(options, "topic")).split(","));
        PartitionNumbers numbers = PartitionNumbers.of(client, topics);
        ConsumerConfig.Builder config = ConsumerConfig.builder()
                .consumerGroup(required(options, "group"))
                .autoCommit(false)
                .sessionTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("session-ms", "6000"))))
                .heartbeatInterval(Duration.ofMillis(Long.parseLong(options.getOrDefault("heartbeat-ms", "500"))))
                .rebalanceListener(new RebalanceListener() {
                    @Override
                    public void topicPartitionsRevoked(Set<TopicPartition> partitions) {
                        write(MemberReport.ownership(System.currentTimeMillis(), false, numbers.numbers(partitions)));
                    }

                    @Override
                    public void topicPartitionsAssigned(Set<TopicPartition> partitions) {
                        write(MemberReport.ownership(System.currentTimeMillis(), true, numbers.numbers(partitions)));
                    }
                });
        if (options.containsKey("zookeeper")) {
            config.zookeeperConnect(options.get("zookeeper"));
        } else {
            config.managed(true);
        }
        if (options.containsKey("instance")) {
            config.groupInstanceId(options.get("instance"));
        }
        long commitEveryMs = Long.parseLong(options.getOrDefault("commit-ms", "200"));
        BalancedMultiTopicConsumer consumer = client.balancedConsumer(config.build(), topics);
        write(MemberReport.started(System.currentTimeMillis(), consumer.memberId()));
        CountDownLatch loopEnded = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                consumer.close();
                loopEnded.await(10, TimeUnit.SECONDS);
                write(MemberReport.stopped(System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                client.close();
                closeReport();
            }
        }, "member-shutdown"));
        consume(consumer, numbers, commitEveryMs);
        loopEnded.countDown();
        // The shutdown hook finishes the report; keep the JVM up until it has.
        Thread.sleep(Long.MAX_VALUE);
    }

    private void consume(BalancedMultiTopicConsumer consumer, PartitionNumbers numbers, long commitEveryMs) {
        long nextCommit = System.currentTimeMillis() + commitEveryMs;
        try {
            while (true) {
                Message message = consumer.consume(Duration.ofMillis(100));
                if (message != null) {
                    write(MemberReport.consumed(System.currentTimeMillis(),
                            numbers.number(message.topic(), message.partitionId()), message.offset(),
                            RecordId.decode(message.value())));
                }
                if (System.currentTimeMillis() >= nextCommit) {
                    confirmations.commitAndReport(numbers.numbered(consumer.heldOffsets()),
                            consumer::commitOffsetsAsync, this::write);
                    nextCommit = System.currentTimeMillis() + commitEveryMs;
                }
            }
        } catch (ClientClosedException closed) {
            // SIGTERM: the shutdown hook closed the consumer, which commits what was reported.
        }
    }

    private synchronized void write(String line) {
        if (reportClosed) {
            return;
        }
        try {
            report.write(line);
            report.newLine();
            report.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the member report", e);
        }
    }

    private synchronized void closeReport() {
        reportClosed = true;
        try {
            report.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the member report", e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Arguments are name=value, got '" + arg + "'");
            }
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing argument " + name + "=...; see GroupMemberMain's Javadoc");
        }
        return value;
    }
}

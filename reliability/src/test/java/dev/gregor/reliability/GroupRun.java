package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One consumer-group chaos run: a topic (or several), a steady writer per topic, and member processes in their own
 * JVMs; ends by stopping the writers, waiting until the members were handed everything the topics hold, stopping
 * them (SIGTERM) and auditing what they were handed. Partitions are counted over all topics ({@link PartitionNumbers}).
 */
final class GroupRun implements AutoCloseable {

    static final int MEMBERS = 3;

    /**
     * The broker setting the Kafka-coordinated group tests need (member sessions down to 1 s); part of the shape of
     * the cluster all three-broker chaos tests share ({@link SharedChaosCluster}).
     */
    static final String SHARED_SHAPE = "group.min.session.timeout.ms=1000";

    final EmbeddedKafkaCluster cluster;
    final KafkaClient client;
    /** The run's topic; its first one if it has several. */
    final Topic topic;
    final List<Topic> topics;
    final List<SteadyWriter> writers = new ArrayList<>();
    final MemberGroup members;
    final PartitionNumbers numbers;
    final int partitions;
    private final String group;

    private GroupRun(EmbeddedKafkaCluster cluster, String name, int topicCount, int partitionsPerTopic, int perSecond,
                     Map<String, String> memberOptions) {
        this.cluster = cluster;
        this.group = name + "-group";
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        List<String> names = topicCount == 1 ? List.of(name)
                : IntStream.range(0, topicCount).mapToObj(i -> name + "-" + i).toList();
        this.topics = names.stream()
                .map(topicName -> client.createTopic(topicName, partitionsPerTopic, Math.min(3, cluster.brokerCount())))
                .toList();
        this.topic = topics.get(0);
        this.numbers = PartitionNumbers.of(client, names);
        this.partitions = numbers.count();
        for (int i = 0; i < topicCount; i++) {
            writers.add(SteadyWriter.start(topics.get(i), i + 1, Math.max(1, perSecond / topicCount)));
        }
        Map<String, String> options = new HashMap<>(Map.of("bootstrap", cluster.bootstrapServers(),
                "topics", String.join(",", names), "group", group));
        options.putAll(memberOptions);
        this.members = new MemberGroup(Path.of("target", "chaos-members", name), options);
    }

    /** Starts the writer and {@link #MEMBERS} members and waits until they share the partitions and consume. */
    static GroupRun start(EmbeddedKafkaCluster cluster, String name, int partitions, int perSecond,
                          Map<String, String> memberOptions) {
        return start(cluster, name, partitions, perSecond, memberOptions, false);
    }

    /** As above; with {@code staticMembers} each member's {@code groupInstanceId} is its slot. */
    static GroupRun start(EmbeddedKafkaCluster cluster, String name, int partitions, int perSecond,
                          Map<String, String> memberOptions, boolean staticMembers) {
        return started(new GroupRun(cluster, name, 1, partitions, perSecond, memberOptions), staticMembers);
    }

    /**
     * As {@link #start(EmbeddedKafkaCluster, String, int, int, Map)}, over {@code topicCount} topics
     * ({@code name-0}, {@code name-1}, ...) of {@code partitionsPerTopic} partitions each, written at
     * {@code perSecond} records a second in all.
     */
    static GroupRun startOverTopics(EmbeddedKafkaCluster cluster, String name, int topicCount, int partitionsPerTopic,
                                    int perSecond, Map<String, String> memberOptions) {
        return started(new GroupRun(cluster, name, topicCount, partitionsPerTopic, perSecond, memberOptions), false);
    }

    private static GroupRun started(GroupRun run, boolean staticMembers) {
        for (int slot = 0; slot < MEMBERS; slot++) {
            run.members.start(slot(slot), staticMembers ? Map.of("instance", slot(slot)) : Map.of());
        }
        run.awaitConverged(Duration.ofSeconds(60));
        run.awaitProgress();
        return run;
    }

    static String slot(int index) {
        return "m" + index;
    }

    String group() {
        return group;
    }

    /** Waits until the running members own every partition once; returns when that was seen (epoch ms). */
    long awaitConverged(Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> members.converged(partitions));
        return System.currentTimeMillis();
    }

    /** Waits until the group was handed 100 more records; returns when that was seen (epoch ms). */
    long awaitProgress() {
        long before = members.delivered();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> members.delivered() > before + 100);
        return System.currentTimeMillis();
    }

    /**
     * Stops the writer, waits until every stored record was handed to some member, stops the members cleanly and
     * audits: the end of every run.
     */
    ConsumptionAudit finish() {
        writers.forEach(SteadyWriter::close);
        List<StoredRecord> log = new ArrayList<>();
        for (Topic each : topics) {
            TopicReadBack.readAll(cluster.bootstrapServers(), each.name(), Duration.ofSeconds(60)).forEach(record ->
                    log.add(new StoredRecord(numbers.number(each.name(), record.partition()), record.offset(), record.id())));
        }
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ConsumptionAudit.of(log, members.reports(), members.killed()).lost() == 0);
        } catch (ConditionTimeoutException stillMissing) {
            // audited below: the figures say how many records no member was handed
        }
        members.terminateAll();
        ConsumptionAudit audit = ConsumptionAudit.of(log, members.reports(), members.killed());
        System.out.println("[chaos] " + topic.name() + ": " + audit + ", writers acknowledged "
                + writers.stream().mapToLong(writer -> writer.acknowledgements().acknowledgedCount()).sum()
                + ", failed " + writers.stream().mapToLong(writer -> writer.acknowledgements().failedCount()).sum());
        return audit;
    }

    /**
     * Kills member {@code m0} and checks what issue 14 asks of a group over several topics: the survivors take over
     * every partition of every topic, no partition has two live owners at once, nothing is lost, and nothing is
     * handed out twice except what the killed member had not committed. Reports the run's row as {@code test}.
     */
    void killOneThenAuditTheSurvivors(String test, String fault, long startedNanos) {
        long killedAt = System.currentTimeMillis();
        members.member(slot(0)).kill();
        awaitConverged(Duration.ofSeconds(60));
        long pause = DeliveryPauses.longestMs(members.reports(), killedAt, awaitProgress());
        assertThat(members.running()).as("the survivors, who own all %d partitions", partitions).hasSize(MEMBERS - 1);
        ConsumptionAudit audit = finish();
        OwnershipOverlaps overlaps = OwnershipOverlaps.of(members.reports(), members.stoppedAt(), List.of());
        report(test, fault, audit, pause, audit.lost() == 0 && audit.clean() && overlaps.none(),
                "two live owners at once " + overlaps.reportedOverlaps() + " " + overlaps.examples(), startedNanos);
        assertThat(overlaps.examples()).as("two live owners of a partition").isEmpty();
        assertThat(audit.lost()).isZero();
        assertThat(audit.unexplainedDuplicates()).as("duplicates outside the killed member's uncommitted window")
                .isZero();
        assertThat(audit.clean()).isTrue();
    }

    /** How many times a member heard of a non-empty revocation (or assignment) in {@code [fromMs, toMs)}. */
    long ownershipChanges(boolean assigned, long fromMs, long toMs) {
        return members.reports().stream().flatMap(report -> report.ownership().stream())
                .filter(change -> change.assigned() == assigned && !change.partitions().isEmpty())
                .filter(change -> change.timeMs() >= fromMs && change.timeMs() < toMs).count();
    }

    /** Prints and records the run's row of figures (the audit's counts, the pause, what else was measured). */
    static void report(String test, String fault, ConsumptionAudit audit, long pauseMs, boolean pass, String notes,
                       long startedNanos) {
        new Figures(test, fault, audit.stored(), audit.lost(), audit.duplicated(), audit.reordered(), pauseMs, pass,
                notes + (notes.isEmpty() ? "" : ", ") + "delivered " + audit.delivered() + ", duplicates explained by"
                        + " a killed member's uncommitted window " + audit.explainedDuplicates() + ", unexplained "
                        + audit.unexplainedDuplicates() + ", misdelivered " + audit.misdelivered()
                        + ", stall = longest time no member was handed a record, run "
                        + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + " s")
                .report();
    }

    @Override
    public void close() {
        members.close();
        writers.forEach(SteadyWriter::close);
        client.close();
    }
}

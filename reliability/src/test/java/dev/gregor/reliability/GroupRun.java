package dev.gregor.reliability;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One consumer-group chaos run: a topic, a steady writer, and member processes in their own JVMs; ends by stopping
 * the writer, waiting until the members were handed everything the topic holds, stopping them (SIGTERM) and
 * auditing what they were handed.
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
    final Topic topic;
    final SteadyWriter writer;
    final MemberGroup members;
    final int partitions;

    private GroupRun(EmbeddedKafkaCluster cluster, String name, int partitions, int perSecond,
                     Map<String, String> memberOptions) {
        this.cluster = cluster;
        this.partitions = partitions;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        this.topic = client.createTopic(name, partitions, Math.min(3, cluster.brokerCount()));
        this.writer = SteadyWriter.start(topic, 1, perSecond);
        Map<String, String> options = new HashMap<>(Map.of("bootstrap", cluster.bootstrapServers(),
                "topic", name, "group", name + "-group"));
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
        GroupRun run = new GroupRun(cluster, name, partitions, perSecond, memberOptions);
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
        return topic.name() + "-group";
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
        writer.close();
        List<StoredRecord> log = TopicReadBack.readAll(cluster.bootstrapServers(), topic.name(),
                Duration.ofSeconds(60));
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ConsumptionAudit.of(log, members.reports(), members.killed()).lost() == 0);
        } catch (ConditionTimeoutException stillMissing) {
            // audited below: the figures say how many records no member was handed
        }
        members.terminateAll();
        ConsumptionAudit audit = ConsumptionAudit.of(log, members.reports(), members.killed());
        System.out.println("[chaos] " + topic.name() + ": " + audit + ", writer acknowledged "
                + writer.acknowledgements().acknowledgedCount() + ", failed "
                + writer.acknowledgements().failedCount());
        return audit;
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
        writer.close();
        client.close();
    }
}

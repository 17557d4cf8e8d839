package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.gregor.KafkaClient;
import dev.gregor.UnknownTopicException;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultCounts;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * T4, franz-go's chaos ETL: every connection through every broker's fault proxy is cut 0.5–1.5 s after it was
 * dialled, for the whole run and for every client (the source producer, both stages' consumers, producer and
 * coordinator connections, the outside watches of the committed offsets). An idempotent {@code acks=all} producer
 * fills source topic A; stage 1, a managed balanced group, reads A and writes each record (keeping its id) to the
 * same partition of topic B, committing A's offsets only once those writes are acknowledged; stage 2, a second
 * managed group, reads B and commits. The members run in this JVM ({@link RelayMember}), each on a client of its
 * own; there is no SIGKILL here.
 *
 * <p>What must hold: A and B hold exactly the records written, once each, B's partitions in A's order; each stage's
 * members were handed every record of their input exactly once, in offset order; every committed offset of both
 * groups, read from outside every 100 ms and confirmed to the members, only ever moves forward, and at the end equals
 * the topic's end offset (so each offset was committed, and none twice); no write on and no source send failed.
 *
 * <p>Rebalances: heartbeats go every 500 ms against a 10 s session, so a cut connection costs a reconnect, never
 * the membership. The test therefore requires 0 revocations once both groups have settled, and lists any in the
 * figures with their times. Duplicates are never excused by a rebalance: a rebalance fails the run by itself, and
 * so does any duplicate, whatever its cause (the figures then show both).
 */
class ConnectionChaosPipelineTest extends SharedChaosCluster {

    private static final Scale SCALE = Scale.current();
    private static final int RECORDS = SCALE.pick(20_000, 500_000);
    private static final int MEMBERS = SCALE.pick(2, 3);
    private static final int PARTITIONS = 6;
    private static final Duration CUT_MIN = Duration.ofMillis(500);
    private static final Duration CUT_MAX = Duration.ofMillis(1500);
    private static final Duration THROUGH_LIMIT = SCALE.pick(Duration.ofMinutes(3), Duration.ofMinutes(20));
    private static final String SOURCE = "t4-source";
    private static final String RELAYED = "t4-relayed";
    private static final ConsumerConfig MEMBER = ConsumerConfig.builder().sessionTimeout(Duration.ofSeconds(10))
            .heartbeatInterval(Duration.ofMillis(500)).build();
    private static final Duration COMMIT_EVERY = Duration.ofMillis(100);

    private final EmbeddedKafkaCluster cluster;

    ConnectionChaosPipelineTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Deletes the run's topics from the shared cluster (whose proxies {@link SharedChaosCluster} heals). */
    @AfterEach
    void deleteTopics() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            for (String topic : List.of(SOURCE, RELAYED)) {
                try {
                    client.deleteTopic(topic);
                } catch (UnknownTopicException neverCreated) {
                    // the run failed before creating it
                }
            }
        }
    }

    @Test
    void everyRecordCrossesBothGroupsOnceAndEveryCommitMovesForwardWhileConnectionsAreCut() {
        long started = System.nanoTime();
        for (int broker = 0; broker < cluster.brokerCount(); broker++) {
            cluster.proxy(broker).resetCounts().cutAfterDial(CUT_MIN, CUT_MAX);
        }
        String bootstrap = cluster.bootstrapServers();
        try (KafkaClient client = KafkaClient.connect(bootstrap)) {
            client.createTopic(SOURCE, PARTITIONS, 3);
            client.createTopic(RELAYED, PARTITIONS, 3);
        }
        try (RelayStage relay = RelayStage.start("t4-relay-group", MEMBERS, bootstrap, SOURCE, RELAYED, MEMBER,
                COMMIT_EVERY);
             RelayStage sink = RelayStage.start("t4-sink-group", MEMBERS, bootstrap, RELAYED, null, MEMBER,
                     COMMIT_EVERY);
             CommittedOffsetsWatch relayWatch = CommittedOffsetsWatch.start(bootstrap, relay.group(), SOURCE, 100);
             CommittedOffsetsWatch sinkWatch = CommittedOffsetsWatch.start(bootstrap, sink.group(), RELAYED, 100)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> relay.converged(PARTITIONS) && sink.converged(PARTITIONS));
            long settledAt = System.currentTimeMillis();
            long settledAfterMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

            SendOutcomes source = writeSource(bootstrap);
            boolean through = awaitThrough(sink);
            long finishedAt = System.currentTimeMillis();
            List<OwnershipChange> revocations = new ArrayList<>(relay.revocations(settledAt, finishedAt));
            revocations.addAll(sink.revocations(settledAt, finishedAt));
            long stall = longestSinkStall(sink, finishedAt);
            relay.stop();
            sink.stop();
            ProxyTotals cuts = totalCounts();
            cluster.heal();

            List<StoredRecord> sourceLog = TopicReadBack.readAll(bootstrap, SOURCE, Duration.ofMinutes(2));
            List<StoredRecord> relayedLog = TopicReadBack.readAll(bootstrap, RELAYED, Duration.ofMinutes(2));
            Map<Integer, Long> sourceEnds = endOffsets(sourceLog);
            Map<Integer, Long> relayedEnds = endOffsets(relayedLog);
            boolean relayCommittedAll = awaitCommitted(relayWatch, sourceEnds);
            boolean sinkCommittedAll = awaitCommitted(sinkWatch, relayedEnds);

            ProduceAudit produced = ProduceAudit.of(source.acknowledgements(), sourceLog);
            RelayAudit relayed = RelayAudit.of(sourceLog, relayedLog);
            ConsumptionAudit relayRead = ConsumptionAudit.of(sourceLog, relay.reports(), Set.of());
            ConsumptionAudit sinkRead = ConsumptionAudit.of(relayedLog, sink.reports(), Set.of());
            List<CommitHistory.Regression> backwards = new ArrayList<>(relayWatch.history().regressions());
            backwards.addAll(sinkWatch.history().regressions());
            List<CommitHistory.Regression> backwardsConfirmed = new ArrayList<>(relay.confirmedCommits().regressions());
            backwardsConfirmed.addAll(sink.confirmedCommits().regressions());

            long lost = produced.lost() + relayed.lost() + relayRead.lost() + sinkRead.lost();
            long duplicated = produced.duplicated() + relayed.duplicated() + relayRead.duplicated()
                    + sinkRead.duplicated();
            long reordered = produced.reordered() + relayed.reordered() + relayRead.reordered() + sinkRead.reordered();
            boolean exact = sourceLog.size() == RECORDS && relayedLog.size() == RECORDS
                    && relayRead.delivered() == RECORDS && sinkRead.delivered() == RECORDS;
            boolean pass = through && exact && lost == 0 && duplicated == 0 && reordered == 0 && produced.clean()
                    && relayed.clean() && relayRead.clean() && sinkRead.clean() && backwards.isEmpty()
                    && backwardsConfirmed.isEmpty() && relayCommittedAll && sinkCommittedAll && revocations.isEmpty()
                    && relay.errorFree() && sink.errorFree() && source.acknowledgements().failedCount() == 0
                    && cuts.connectionsCutAfterDial() > 0;
            new Figures("T4 connection chaos", "every connection through all 3 proxies cut 0.5-1.5 s after dial,"
                    + " whole run", RECORDS, lost, duplicated, reordered, stall, pass, String.format(
                    "3 brokers, %d partitions RF 3 per topic, %d members per group, commits every %d ms after the"
                            + " writes to B are acknowledged; connections %d, cut after dial %d; in A %d, in B %d,"
                            + " stage 1 handed %d, stage 2 handed %d; source acknowledged %d, failed %d, slowest"
                            + " send %d ms; relay audit %s; rebalances (revocations after settling) %d %s;"
                            + " committed offsets read from outside going back %d %s, confirmed to members going"
                            + " back %d %s, all offsets committed at the end: stage 1 %s, stage 2 %s; failed"
                            + " commits %d + %d, outside reads failed %d + %d; member errors %s %s; stall ="
                            + " longest time stage 2 was handed nothing between its first and its last record;"
                            + " groups settled after %d ms, records through both stages %d ms later; run %d s",
                    PARTITIONS, MEMBERS, COMMIT_EVERY.toMillis(), cuts.connections(), cuts.connectionsCutAfterDial(),
                    sourceLog.size(), relayedLog.size(), relayRead.delivered(), sinkRead.delivered(),
                    source.acknowledgements().acknowledgedCount(), source.acknowledgements().failedCount(),
                    source.longestCompletionMillis(), relayed, revocations.size(), revocations, backwards.size(),
                    backwards, backwardsConfirmed.size(), backwardsConfirmed, relayCommittedAll, sinkCommittedAll,
                    relay.commitFailures(), sink.commitFailures(), relayWatch.failedReads(), sinkWatch.failedReads(),
                    relay.errors(), sink.errors(), settledAfterMs, finishedAt - settledAt,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds()))
                    .report();

            assertThat(cuts.connectionsCutAfterDial()).as("connections cut after dial").isPositive();
            assertThat(through).as("stage 2 handed every record within %s", THROUGH_LIMIT).isTrue();
            assertThat(source.acknowledgements().failedCount()).as("failed source sends").isZero();
            assertThat(relay.errorFree() && sink.errorFree()).as("no member errors: %s %s", relay.errors(),
                    sink.errors()).isTrue();
            assertThat(produced.clean()).as("source log vs acknowledgements: %s", produced).isTrue();
            assertThat(relayed.clean()).as("B vs A: %s", relayed).isTrue();
            assertThat(relayRead.clean()).as("stage 1's deliveries: %s", relayRead).isTrue();
            assertThat(sinkRead.clean()).as("stage 2's deliveries: %s", sinkRead).isTrue();
            assertThat(List.of(sourceLog.size(), relayedLog.size(), relayRead.delivered(), sinkRead.delivered()))
                    .as("records in A, in B, handed to stage 1, handed to stage 2").containsOnly(RECORDS);
            assertThat(backwards).as("committed offsets seen from outside going back").isEmpty();
            assertThat(backwardsConfirmed).as("committed offsets confirmed to members going back").isEmpty();
            assertThat(relayCommittedAll).as("stage 1 committed A's end offsets %s", sourceEnds).isTrue();
            assertThat(sinkCommittedAll).as("stage 2 committed B's end offsets %s", relayedEnds).isTrue();
            assertThat(revocations).as("rebalances after both groups settled").isEmpty();
        }
    }

    /** Writes {@link #RECORDS} records to A, round-robin over its partitions, and waits until each is answered. */
    private static SendOutcomes writeSource(String bootstrap) {
        try (KafkaClient client = KafkaClient.connect(bootstrap);
             Producer producer = client.topic(SOURCE).producer(ProducerConfig.builder().acks(Acks.ALL)
                     .idempotence(true).linger(Duration.ofMillis(5)).deliveryTimeout(Duration.ofMinutes(2))
                     .build())) {
            SendOutcomes sends = new SendOutcomes(producer, 4, 84);
            for (int i = 0; i < RECORDS; i++) {
                sends.send(i % PARTITIONS);
            }
            producer.flush();
            return sends;
        }
    }

    /** Whether stage 2 was handed every record (by id) within the limit; the audit says what is missing if not. */
    private static boolean awaitThrough(RelayStage sink) {
        try {
            await().atMost(THROUGH_LIMIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> sink.delivered() >= RECORDS && sink.distinctDelivered() >= RECORDS);
            return true;
        } catch (ConditionTimeoutException notYet) {
            return false;
        }
    }

    private static long longestSinkStall(RelayStage sink, long finishedAt) {
        long first = sink.reports().stream().flatMap(report -> report.deliveries().stream())
                .mapToLong(Delivery::timeMs).min().orElse(finishedAt);
        long last = sink.reports().stream().flatMap(report -> report.deliveries().stream())
                .mapToLong(Delivery::timeMs).max().orElse(finishedAt);
        return DeliveryPauses.longestMs(sink.reports(), first, last);
    }

    /** Whether the outside watch saw the group's committed offsets reach {@code ends} (within 30 s, faults healed). */
    private static boolean awaitCommitted(CommittedOffsetsWatch watch, Map<Integer, Long> ends) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> watch.latest().equals(ends));
            return true;
        } catch (ConditionTimeoutException notThere) {
            return false;
        }
    }

    private static Map<Integer, Long> endOffsets(List<StoredRecord> log) {
        Map<Integer, Long> ends = new TreeMap<>();
        log.forEach(record -> ends.merge(record.partition(), record.offset() + 1, Math::max));
        return ends;
    }

    private ProxyTotals totalCounts() {
        long connections = 0;
        long cut = 0;
        for (int broker = 0; broker < cluster.brokerCount(); broker++) {
            FaultCounts counts = cluster.proxy(broker).counts();
            connections += counts.connections();
            cut += counts.connectionsCutAfterDial();
        }
        return new ProxyTotals(connections, cut);
    }

    /** What all proxies together saw: connections accepted, and those cut after dial. */
    private record ProxyTotals(long connections, long connectionsCutAfterDial) {
    }
}

package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;

/**
 * T2: two of a partition's three replicas go down (clean shutdowns) while idempotent {@code acks=all} producers
 * write about 1,000 records a second each, with {@code min.insync.replicas=2}.
 *
 * <p>The criterion for "nothing acknowledged while the in-sync replicas are fewer than the minimum": let the outage
 * be the time from the second replica's shutdown to the first replica's restart. The high watermark of every
 * partition sampled when the outage begins must still hold when it ends (nothing was committed meanwhile), and every
 * acknowledgement that arrives during the outage must name an offset below that high watermark (only the answer to
 * a write committed before was late). After the replicas return, everything acknowledged is in the log once, in
 * order.
 *
 * <p>Two producers share the outage: one whose delivery timeout outlasts it (its records wait and are all delivered
 * after the return) and one whose delivery timeout is shorter (its records written during the outage fail, each
 * with an error naming NOT_ENOUGH_REPLICAS or the delivery timeout, not a generic one).
 */
class IsrShrinkTest extends SharedChaosCluster {

    private static final int PARTITIONS = 3;
    private static final Map<Integer, List<Integer>> ON_BROKERS_0_1_2 =
            Map.of(0, List.of(0, 1, 2), 1, List.of(0, 1, 2), 2, List.of(0, 1, 2));
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void noRecordIsAcknowledgedWhileTooFewReplicasAreInSyncAndNoneIsLostAfterTheyReturn(EmbeddedKafkaCluster cluster)
            throws Exception {
        // Reduced, twice the short delivery timeout: long enough that the short-timeout producer's records expire.
        Duration outage = Scale.current().pick(SHORT_TIMEOUT.multipliedBy(2), Duration.ofSeconds(30));
        String patient = "t2-patient";
        String impatient = "t2-impatient";
        SendOutcomes waiting;
        SendOutcomes expiring;
        Map<Integer, Long> watermarksAtStart;
        Map<Integer, Long> watermarksAtEnd;
        Map<Integer, Long> impatientWatermarks;
        Map<Integer, List<Integer>> isrAtStart;
        Map<Integer, List<Integer>> isrAtEnd;
        long outageStart;
        long outageEnd;
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers());
             ReplicaView view = new ReplicaView(cluster.bootstrapServers())) {
            view.createTopic(patient, ON_BROKERS_0_1_2);
            view.createTopic(impatient, ON_BROKERS_0_1_2);
            awaitInSync(view, patient, 3);
            awaitInSync(view, impatient, 3);
            try (Producer longTimeout = client.topic(patient).producer(config(Duration.ofMinutes(2)));
                 Producer shortTimeout = client.topic(impatient).producer(config(SHORT_TIMEOUT))) {
                waiting = new SendOutcomes(longTimeout, 1, 100);
                expiring = new SendOutcomes(shortTimeout, 2, 100);
                Traffic traffic = new Traffic(waiting, expiring);
                traffic.start();
                try {
                    await().atMost(Duration.ofMinutes(1)).until(() -> waiting.acknowledgements().acknowledgedCount() > 1000);
                    cluster.stopBroker(1);
                    cluster.stopBroker(2);
                    outageStart = System.nanoTime();
                    watermarksAtStart = view.highWatermarks(patient);
                    impatientWatermarks = view.highWatermarks(impatient);
                    isrAtStart = view.inSyncReplicas(impatient);
                    Thread.sleep(outage.toMillis());
                    watermarksAtEnd = view.highWatermarks(patient);
                    isrAtEnd = view.inSyncReplicas(impatient);
                    outageEnd = System.nanoTime();
                    cluster.startBroker(1);
                    cluster.startBroker(2);
                    awaitInSync(view, patient, 3);
                    awaitInSync(view, impatient, 3);
                    long resumed = waiting.sentCount();
                    await().atMost(Duration.ofMinutes(1))
                            .until(() -> waiting.acknowledgements().acknowledgedCount() > resumed + 1000);
                } finally {
                    traffic.stop();
                }
                longTimeout.flush();
                shortTimeout.flush();
            }
        }
        long lateAnswers = acknowledgedBetween(waiting, outageStart, outageEnd)
                + acknowledgedBetween(expiring, outageStart, outageEnd);
        long sentDuringOutage = sentBetween(waiting, outageStart, outageEnd);
        ProduceAudit waited = ProduceAudit.of(waiting.acknowledgements(),
                TopicReadBack.readAll(cluster.bootstrapServers(), patient, Duration.ofMinutes(1)));
        ProduceAudit expired = ProduceAudit.of(expiring.acknowledgements(),
                TopicReadBack.readAll(cluster.bootstrapServers(), impatient, Duration.ofMinutes(1)));
        long badAcknowledgements = acknowledgedAtOrAbove(waiting, outageStart, outageEnd, watermarksAtStart)
                + acknowledgedAtOrAbove(expiring, outageStart, outageEnd, impatientWatermarks);
        Map<String, Long> failures = expiring.failureMessages();
        long namingNotEnoughReplicas = failuresWhere(failures, message -> message.contains("NOT_ENOUGH_REPLICAS"));
        long vagueFailures = failuresWhere(failures, message -> !message.contains("NOT_ENOUGH_REPLICAS")
                && !message.contains("deliveryTimeout"));
        String kinds = failureKinds(failures);
        boolean pass = waited.clean() && expired.clean() && badAcknowledgements == 0
                && watermarksAtEnd.equals(watermarksAtStart) && waiting.acknowledgements().failedCount() == 0
                && expiring.acknowledgements().failedCount() > 0 && vagueFailures == 0;
        new Figures("T2 ISR shrink", "2 of 3 replicas cleanly down " + outage.toSeconds() + " s (min ISR 2)",
                waiting.sentCount() + expiring.sentCount(), waited.lost() + expired.lost(),
                waited.duplicated() + expired.duplicated(), waited.reordered() + expired.reordered(),
                waiting.longestCompletionMillis(), pass,
                String.format("acknowledged during the outage: %d, all below the high watermark of its start: %b;"
                                + " high watermark unmoved: %b; long-timeout producer: %d sent during the outage,"
                                + " %d acknowledged, 0 failed expected, %d failed; short-timeout (%d ms) producer: %d"
                                + " acknowledged, %d failed (%d naming NOT_ENOUGH_REPLICAS, the rest the delivery"
                                + " timeout, %d neither), stored unacknowledged %d; failures by message (digits as #): %s;"
                                + " committed ISR of the short-timeout topic at the outage's start %s and end %s"
                                + " (a leader answers NOT_ENOUGH_REPLICAS only once the ISR below min ISR is committed;"
                                + " every broker is also a KRaft controller, so with 2 of 3 down no change commits);"
                                + " stall = slowest send of the long-timeout producer",
                        lateAnswers, badAcknowledgements == 0, watermarksAtEnd.equals(watermarksAtStart),
                        sentDuringOutage, waited.acknowledged(), waiting.acknowledgements().failedCount(),
                        SHORT_TIMEOUT.toMillis(), expired.acknowledged(), expiring.acknowledgements().failedCount(),
                        namingNotEnoughReplicas, vagueFailures, expired.unacknowledgedStored(), kinds, isrAtStart,
                        isrAtEnd)).report();

        assertThat(watermarksAtEnd).as("high watermarks at the end of the outage").isEqualTo(watermarksAtStart);
        assertThat(badAcknowledgements).as("acknowledgements during the outage of records not committed before it")
                .isZero();
        assertThat(waiting.acknowledgements().failedCount()).as("long-timeout sends failed: %s",
                waiting.failureMessages()).isZero();
        assertThat(waiting.pendingCount() + expiring.pendingCount()).as("sends not completed").isZero();
        assertThat(expiring.acknowledgements().failedCount()).as("short-timeout sends failed by the outage")
                .isPositive();
        assertThat(vagueFailures).as("failures naming neither NOT_ENOUGH_REPLICAS nor the delivery timeout: %s",
                failures).isZero();
        for (ProduceAudit audit : List.of(waited, expired)) {
            assertThat(audit.lost()).as("acknowledged records lost").isZero();
            assertThat(audit.duplicated()).as("duplicated records").isZero();
            assertThat(audit.reordered()).as("records out of order").isZero();
            assertThat(audit.misplaced()).as("acknowledgements pointing at another record").isZero();
        }
    }

    /** The failures' messages with their numbers masked (topic, partition, attempts), each with its count. */
    private static String failureKinds(Map<String, Long> failures) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        failures.forEach((message, count) -> kinds.merge(message.replaceAll("\\d+", "#"), count, Long::sum));
        return kinds.toString();
    }

    private static long failuresWhere(Map<String, Long> failures, java.util.function.Predicate<String> test) {
        return failures.entrySet().stream().filter(failure -> test.test(failure.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static ProducerConfig config(Duration deliveryTimeout) {
        return ProducerConfig.builder().acks(Acks.ALL).idempotence(true).linger(Duration.ofMillis(5))
                .deliveryTimeout(deliveryTimeout).build();
    }

    private static void awaitInSync(ReplicaView view, String topic, int replicas) {
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> view.smallestInSyncReplicas(topic) >= replicas);
    }

    /** Acknowledgements that arrived during the outage for an offset at or above the watermark of its start. */
    private static long acknowledgedAtOrAbove(SendOutcomes sends, long from, long to, Map<Integer, Long> watermarks) {
        Map<RecordId, StoredRecord> acknowledged = sends.acknowledgements().acknowledged();
        return sends.outcomes().entrySet().stream()
                .filter(entry -> entry.getValue().acknowledged())
                .filter(entry -> entry.getValue().completedNanos() > from && entry.getValue().completedNanos() < to)
                .map(entry -> acknowledged.get(entry.getKey()))
                .filter(ack -> ack.offset() >= watermarks.getOrDefault(ack.partition(), 0L))
                .count();
    }

    private static long acknowledgedBetween(SendOutcomes sends, long from, long to) {
        return sends.outcomes().values().stream().filter(SendOutcomes.Outcome::acknowledged)
                .filter(outcome -> outcome.completedNanos() > from && outcome.completedNanos() < to).count();
    }

    private static long sentBetween(SendOutcomes sends, long from, long to) {
        return sends.outcomes().values().stream()
                .filter(outcome -> outcome.sentNanos() > from && outcome.sentNanos() < to).count();
    }

    /** Both producers' records, about 1,000 a second each, round the partitions, on a thread of its own. */
    private static final class Traffic {

        private final SendOutcomes[] writers;
        private final Thread thread;
        private volatile boolean running = true;

        Traffic(SendOutcomes... writers) {
            this.writers = writers;
            this.thread = new Thread(this::run, "t2-traffic");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(Duration.ofMinutes(1).toMillis());
        }

        private void run() {
            Pacer pacer = new Pacer(1_000);
            long turn = 0;
            while (running) {
                pacer.awaitTurn();
                for (SendOutcomes writer : writers) {
                    writer.send((int) (turn % PARTITIONS));
                }
                turn++;
            }
        }
    }
}

package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.ApiFault;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultCounts;
import dev.gregor.testkit.FaultProxy;
import dev.gregor.testkit.KafkaApi;
import org.junit.jupiter.api.Test;

/**
 * T3: the testkit's fault proxy in front of broker 0, which holds every partition of the topic, spoils about 2% of
 * Produce exchanges — the broker writes the records but the connection closes instead of the response reaching the
 * client (a possibly-persisted write), or the proxy answers REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS_AFTER_APPEND or
 * NOT_LEADER_OR_FOLLOWER in the broker's place (not written) — and delays 5% of Produce responses. With idempotence
 * nothing may be lost, duplicated or reordered; without it nothing may be lost, and the duplicates that the retried
 * possibly-persisted writes leave are counted, as the price of turning idempotence off.
 */
class PossiblyPersistedRetriesTest extends SharedChaosCluster {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 100_000;
    private static final double SPOILED_EACH = 0.005;
    private static final Duration DELAY = Duration.ofMillis(100);
    /** Every partition on broker 0 alone, the one behind the faulty proxy (the shared cluster's others stay clean). */
    private static final Map<Integer, List<Integer>> ON_BROKER_0 = Map.of(0, List.of(0), 1, List.of(0), 2, List.of(0));

    private final EmbeddedKafkaCluster cluster;
    private final FaultProxy proxy;

    PossiblyPersistedRetriesTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.proxy = cluster.proxy(0);
    }

    @Test
    void idempotentRetriesOfPossiblyPersistedWritesLoseDuplicateAndReorderNothing() throws Exception {
        Run run = produceUnderFaults("t3-idempotent", true);

        run.report("T3 possibly-persisted retries (idempotent)", run.audit.clean() && run.failed == 0,
                "0 lost, 0 duplicated, 0 reordered required");
        assertThat(run.counts.responsesDropped()).as("writes whose response was dropped").isPositive();
        assertThat(run.failed).as("failed sends: %s", run.failures).isZero();
        assertThat(run.audit.lost()).as("acknowledged records lost").isZero();
        assertThat(run.audit.duplicated()).as("duplicated records").isZero();
        assertThat(run.audit.reordered()).as("records out of order").isZero();
        assertThat(run.audit.misplaced()).as("acknowledgements pointing at another record").isZero();
        assertThat(run.audit.acknowledged()).isEqualTo(RECORDS);
    }

    @Test
    void withoutIdempotenceRetriesLoseNothingAndTheirDuplicatesAreCounted() throws Exception {
        Run run = produceUnderFaults("t3-not-idempotent", false);

        run.report("T3 possibly-persisted retries (no idempotence)", run.audit.lost() == 0 && run.failed == 0,
                "duplicates expected without idempotence: each retry of a write whose response was dropped writes"
                        + " its batch again (and the copies count as reordered too); 0 lost required");
        assertThat(run.counts.responsesDropped()).as("writes whose response was dropped").isPositive();
        assertThat(run.failed).as("failed sends: %s", run.failures).isZero();
        assertThat(run.audit.lost()).as("acknowledged records lost").isZero();
        assertThat(run.audit.duplicated()).as("duplicates left by retried possibly-persisted writes").isPositive();
    }

    private Run produceUnderFaults(String name, boolean idempotence) throws Exception {
        SendOutcomes sends;
        long start = System.nanoTime();
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            try (ReplicaView view = new ReplicaView(cluster.bootstrapServers())) {
                view.createTopic(name, ON_BROKER_0, Map.of("min.insync.replicas", "1"));
            }
            Topic topic = client.topic(name);
            proxy.resetCounts()
                    .inject(ApiFault.dropResponseAndClose(KafkaApi.PRODUCE).withProbability(SPOILED_EACH))
                    .inject(ApiFault.answerError(KafkaApi.PRODUCE, 7).withProbability(SPOILED_EACH))
                    .inject(ApiFault.answerError(KafkaApi.PRODUCE, 20).withProbability(SPOILED_EACH))
                    .inject(ApiFault.answerError(KafkaApi.PRODUCE, 6).withProbability(SPOILED_EACH))
                    .inject(ApiFault.delayResponse(KafkaApi.PRODUCE, DELAY).withProbability(0.05));
            try (Producer producer = topic.producer(ProducerConfig.builder().acks(Acks.ALL).idempotence(idempotence)
                    .linger(Duration.ofMillis(5)).batchSize(2048).build())) {
                sends = new SendOutcomes(producer, idempotence ? 31 : 32, 100);
                for (int i = 0; i < RECORDS; i++) {
                    sends.send(i % PARTITIONS);
                }
                producer.flush();
            }
        }
        FaultCounts counts = proxy.counts();
        proxy.heal();
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        List<StoredRecord> log = TopicReadBack.readAll(cluster.bootstrapServers(), name, Duration.ofMinutes(1));
        return new Run(ProduceAudit.of(sends.acknowledgements(), log), counts, proxy.seed(),
                sends.acknowledgements().failedCount(), sends.failureMessages().keySet().toString(),
                sends.longestCompletionMillis(), seconds);
    }

    private record Run(ProduceAudit audit, FaultCounts counts, long seed, long failed, String failures,
                       long slowestMillis, long seconds) {

        void report(String test, boolean pass, String criterion) {
            new Figures(test, String.format("Produce: 0.5%% each written-then-connection-closed, REQUEST_TIMED_OUT,"
                    + " NOT_ENOUGH_REPLICAS_AFTER_APPEND, NOT_LEADER_OR_FOLLOWER; 5%% delayed %d ms",
                    DELAY.toMillis()), RECORDS, audit.lost(), audit.duplicated(), audit.reordered(), slowestMillis,
                    pass, String.format("%s; %d partitions on one broker (RF 1, min ISR 1) behind the fault proxy,"
                                    + " batches of 2 KiB; responses dropped %d, errors answered %d, delayed %d;"
                                    + " acknowledged %d, failed %d, stored unacknowledged %d; stall = slowest send;"
                                    + " proxy seed %d; %d s",
                            criterion, PARTITIONS, counts.responsesDropped(), counts.errorsAnswered(),
                            counts.responsesDelayed(), audit.acknowledged(), failed, audit.unacknowledgedStored(), seed,
                            seconds)).report();
        }
    }
}

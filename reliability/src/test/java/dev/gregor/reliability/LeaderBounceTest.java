package dev.gregor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.producer.Acks;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;

/**
 * T1: an idempotent {@code acks=all} producer writes at a steady rate while the brokers leading its partitions are
 * bounced, by SIGKILL and by clean shutdown. Nothing acknowledged may be lost, nothing duplicated, nothing reordered
 * within a partition, and every send must complete within the delivery timeout.
 */
class LeaderBounceTest extends SharedChaosCluster {

    private static final String TOPIC = "t1-leader-bounces";
    private static final int PARTITIONS = 6;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void leaderBouncesLoseDuplicateAndReorderNothingAcknowledged(EmbeddedKafkaCluster cluster) throws Exception {
        Scale scale = Scale.current();
        long records = scale.pick(100_000L, 1_000_000L);
        // Both scales: reduced, the 100,000 records take 20 s, as long as its two bounces and their recovery.
        double rate = 5_000.0;
        List<LeaderBounces.Kind> kinds = scale.pick(LeaderBounces.alternating(1, 1), LeaderBounces.alternating(5, 5));
        Duration downFor = scale.pick(Duration.ofSeconds(2), Duration.ofSeconds(10));

        SendOutcomes sends;
        List<LeaderBounces.Bounce> bounces;
        long startNanos = System.nanoTime();
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers());
             ReplicaView view = new ReplicaView(cluster.bootstrapServers())) {
            Topic topic = client.createTopic(TOPIC, PARTITIONS, 3);
            LeaderBounces faults = new LeaderBounces(cluster, view, TOPIC, 3);
            faults.awaitFullReplication();
            try (Producer producer = topic.producer(ProducerConfig.builder().acks(Acks.ALL).idempotence(true)
                    .linger(Duration.ofMillis(5)).deliveryTimeout(DELIVERY_TIMEOUT).build())) {
                sends = new SendOutcomes(producer, 1, 100);
                CompletableFuture<List<LeaderBounces.Bounce>> schedule = CompletableFuture.supplyAsync(() -> {
                    try {
                        return faults.run(kinds, downFor, Duration.ofSeconds(1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                Pacer pacer = new Pacer(rate);
                // Steady traffic until the records are written and every bounce is over, so each bounce meets it.
                while (sends.sentCount() < records || !schedule.isDone()) {
                    pacer.awaitTurn();
                    sends.send((int) (sends.sentCount() % PARTITIONS));
                }
                bounces = schedule.get(1, TimeUnit.MINUTES);
                producer.flush();
            }
        }
        long runSeconds = (System.nanoTime() - startNanos) / 1_000_000_000;

        List<StoredRecord> log = TopicReadBack.readAll(cluster.bootstrapServers(), TOPIC, Duration.ofMinutes(2));
        ProduceAudit audit = ProduceAudit.of(sends.acknowledgements(), log);
        long stall = sends.acknowledgements().longestStallMillis();
        long slowest = sends.longestCompletionMillis();
        boolean pass = audit.clean() && sends.pendingCount() == 0 && sends.acknowledgements().failedCount() == 0
                && slowest <= DELIVERY_TIMEOUT.toMillis() && bounces.size() == kinds.size();
        new Figures("T1 leader bounces", bounceWords(bounces, downFor), sends.sentCount(), audit.lost(),
                audit.duplicated(), audit.reordered(), stall, pass,
                String.format("3 brokers, %d partitions RF 3, min ISR 2; idempotent acks=all, linger 5 ms, %.0f rec/s;"
                                + " acknowledged %d, failed %d, misplaced %d, stored unacknowledged %d;"
                                + " slowest send %d ms (delivery timeout %d ms); outages (down + restart) %s ms,"
                                + " catch-up %s ms; %d s",
                        PARTITIONS, rate, audit.acknowledged(), sends.acknowledgements().failedCount(),
                        audit.misplaced(), audit.unacknowledgedStored(), slowest, DELIVERY_TIMEOUT.toMillis(),
                        bounces.stream().map(b -> Long.toString(b.outageMillis())).toList(),
                        bounces.stream().map(b -> Long.toString(b.catchUpMillis())).toList(), runSeconds)).report();

        assertThat(bounces).as("bounces done while producing").hasSize(kinds.size());
        assertThat(sends.pendingCount()).as("sends not completed after flush").isZero();
        assertThat(sends.failureMessages()).as("failed sends, by error").isEmpty();
        assertThat(audit.lost()).as("acknowledged records lost").isZero();
        assertThat(audit.duplicated()).as("duplicated records").isZero();
        assertThat(audit.reordered()).as("records out of order within a partition").isZero();
        assertThat(audit.misplaced()).as("acknowledgements pointing at another record").isZero();
        assertThat(audit.acknowledged()).isEqualTo(sends.sentCount());
        assertThat(slowest).as("slowest send, ms").isLessThanOrEqualTo(DELIVERY_TIMEOUT.toMillis());
    }

    private static String bounceWords(List<LeaderBounces.Bounce> bounces, Duration downFor) {
        long kills = bounces.stream().filter(b -> b.kind() == LeaderBounces.Kind.KILL).count();
        return kills + " SIGKILL + " + (bounces.size() - kills) + " clean leader bounces, each down "
                + downFor.toSeconds() + " s";
    }
}

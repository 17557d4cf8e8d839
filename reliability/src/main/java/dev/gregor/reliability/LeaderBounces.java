package dev.gregor.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gregor.testkit.EmbeddedKafkaCluster;

/**
 * A fault schedule: one after another, takes down the broker leading a partition of a topic (SIGKILL or a clean
 * shutdown), leaves it down for a while, starts it again and waits until every partition of the topic has its full
 * set of in-sync replicas back before the next bounce, so that each bounce meets a healthy cluster. Each bounce
 * picks the leader of the next partition in turn, so the bounces spread over the brokers.
 */
public final class LeaderBounces {

    /** How a broker is taken down. */
    public enum Kind {
        /** SIGKILL: a crash, no controlled shutdown. */
        KILL,
        /** A clean shutdown: the broker hands its leaderships over first. */
        CLEAN
    }

    /**
     * One bounce, on the monotonic clock.
     *
     * @param broker    the broker taken down
     * @param kind      how
     * @param downNanos      when it was down
     * @param upNanos        when it served again
     * @param recoveredNanos when every partition had all its replicas in sync again
     */
    public record Bounce(int broker, Kind kind, long downNanos, long upNanos, long recoveredNanos) {

        /** From down to serving again (the downtime plus the restart), in milliseconds. */
        public long outageMillis() {
            return (upNanos - downNanos) / 1_000_000;
        }

        /** From serving again to back in every in-sync replica set, in milliseconds. */
        public long catchUpMillis() {
            return (recoveredNanos - upNanos) / 1_000_000;
        }
    }

    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedKafkaCluster cluster;
    private final ReplicaView view;
    private final String topic;
    private final int replicationFactor;

    /** Bounces the leaders of {@code topic}, whose partitions have {@code replicationFactor} replicas each. */
    public LeaderBounces(EmbeddedKafkaCluster cluster, ReplicaView view, String topic, int replicationFactor) {
        this.cluster = cluster;
        this.view = view;
        this.topic = topic;
        this.replicationFactor = replicationFactor;
    }

    /** {@code kills} SIGKILLs and {@code cleans} clean shutdowns, alternating (a kill first), then the rest. */
    public static List<Kind> alternating(int kills, int cleans) {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < Math.max(kills, cleans); i++) {
            if (i < kills) {
                kinds.add(Kind.KILL);
            }
            if (i < cleans) {
                kinds.add(Kind.CLEAN);
            }
        }
        return List.copyOf(kinds);
    }

    /**
     * Runs the bounces: each broker stays down for {@code downFor}; after it is back in every in-sync replica set,
     * traffic runs undisturbed for {@code between} before the next bounce. Returns what was done.
     */
    public List<Bounce> run(List<Kind> kinds, Duration downFor, Duration between) throws InterruptedException {
        List<Bounce> bounces = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            int broker = leaderOf(i);
            Kind kind = kinds.get(i);
            if (kind == Kind.KILL) {
                cluster.killBroker(broker);
            } else {
                cluster.stopBroker(broker);
            }
            long down = System.nanoTime();
            Thread.sleep(downFor.toMillis());
            cluster.startBroker(broker);
            long up = System.nanoTime();
            awaitFullReplication();
            bounces.add(new Bounce(broker, kind, down, up, System.nanoTime()));
            Thread.sleep(between.toMillis());
        }
        return List.copyOf(bounces);
    }

    /** Waits until every partition of the topic has all its replicas in sync. */
    public void awaitFullReplication() {
        await("every partition of '" + topic + "' back to " + replicationFactor + " in-sync replicas")
                .atMost(RECOVERY_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> view.smallestInSyncReplicas(topic) >= replicationFactor);
    }

    private int leaderOf(int bounce) {
        Map<Integer, Integer> leaders = view.leaders(topic);
        int partitions = leaders.size();
        for (int i = 0; i < partitions; i++) {
            int leader = leaders.get((bounce + i) % partitions);
            if (leader >= 0) {
                return leader;
            }
        }
        throw new IllegalStateException("No partition of '" + topic + "' has a leader to bounce: " + leaders);
    }
}

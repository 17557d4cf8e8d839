package dev.gregor.consumer;

import java.util.Set;

/**
 * A consumer that shares a topic's partitions with the other members of its consumer group: when a member joins,
 * the others hand partitions over; when one leaves or dies, the others take its partitions. Coordinated through
 * ZooKeeper ({@code zookeeperConnect}) or by Kafka's own group coordinator ({@code managed(true)}). Offsets are
 * committed to Kafka before a partition is handed over, so the next owner continues where this one stopped.
 * It has the simple consumer's API; {@link #partitions()} is the current assignment. As there, {@link #close()} (or
 * the client's) ends a waiting {@code consume()} at once, before the member commits and leaves its group, and
 * {@link #wakeup()} ends it without leaving.
 */
public interface BalancedConsumer extends SimpleConsumer {

    /** The partitions this member currently owns. */
    Set<Integer> assignment();

    /** This member's id within the group. */
    String memberId();
}

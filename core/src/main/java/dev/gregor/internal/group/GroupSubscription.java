package dev.gregor.internal.group;

import java.util.SortedMap;

/**
 * The topics a group member reads, as they are now: named topics, or those a pattern matches. A membership asks
 * on every rebalance and rejoins (Kafka's coordinator) or re-registers (ZooKeeper) when it hears of a change.
 */
public interface GroupSubscription {

    /** Each topic read now (only those that exist) to its current partition count, by topic name. */
    SortedMap<String, Integer> topics();

    /**
     * Runs {@code listener} whenever {@link #topics()} may have changed: a topic that matches appeared or was deleted,
     * or a topic gained partitions. Runs on a client thread: the listener must return quickly and never block.
     */
    void onChange(Runnable listener);
}

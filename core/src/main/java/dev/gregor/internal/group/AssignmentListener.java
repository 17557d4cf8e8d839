package dev.gregor.internal.group;

import java.util.Set;

import dev.gregor.TopicPartition;

/**
 * What a {@link GroupMembership} tells its consumer, one call at a time and in order. Revocation always comes
 * before the partitions are given up: the consumer stops fetching them and commits what it processed before the
 * call returns, and only then may another member take them — so no partition is ever read by two members at once
 * and no committed offset moves backwards.
 */
public interface AssignmentListener {

    /** The member is about to give up {@code partitions}; return once their offsets are committed. */
    void revoke(Set<TopicPartition> partitions);

    /**
     * The member may have lost every partition it owns (its ZooKeeper connection dropped): stop handing out their
     * messages at once, commit nothing yet, and return quickly. Called from the membership's event thread, the only
     * call not made in order with the others; a {@link #revoke} of the same partitions follows.
     */
    void suspend();

    /** The member now owns {@code partitions} (in addition to those it kept). */
    void assign(Set<TopicPartition> partitions);
}

package dev.gregor.internal.group;

/**
 * One consumer's membership in a group, coordinated through ZooKeeper or by Kafka's group coordinator: it joins,
 * follows rebalances, reports assignment changes to an {@link AssignmentListener}, and leaves on {@link #close()}.
 */
public interface GroupMembership extends AutoCloseable {

    /** Joins the group; assignment changes are reported to {@code listener} from now on. */
    void start(AssignmentListener listener);

    /** The identity offset commits must carry (generation and member id with Kafka's coordinator). */
    GroupOffsets.Membership commitIdentity();

    /** This member's id within the group. */
    String memberId();

    /** Leaves the group promptly, revoking whatever the member owns first. */
    @Override
    void close();
}

package dev.gregor.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * Who commits a consumer's offsets: its group, and for a member of a group Kafka's coordinator manages, the
 * generation and member id the coordinator knows it by. A transactional producer commits consumed offsets as this
 * ({@code producer.sendOffsets(consumer.groupMetadata(), offsets)}), so that the coordinator refuses them, and the
 * transaction cannot commit, once the member has lost its partitions in a rebalance. From
 * {@code consumer.groupMetadata()}, or {@link #of(String)} for a group without a live membership.
 *
 * @param group           the group's id
 * @param generation      the group generation (or KIP-848 member epoch) the member is in; -1 for none
 * @param memberId        the member's id at the coordinator; empty for none
 * @param groupInstanceId the member's static instance id, if it has one
 */
public record GroupMetadata(String group, int generation, String memberId, Optional<String> groupInstanceId) {

    /** Checks the values: a group is named, and the member id is never null. */
    public GroupMetadata {
        Objects.requireNonNull(group, "group");
        if (group.isBlank()) {
            throw new IllegalArgumentException("group must not be blank");
        }
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(groupInstanceId, "groupInstanceId");
    }

    /**
     * The group {@code group} with no member identity: the coordinator takes the offsets whatever the group's members
     * do, so nothing fences a consumer that lost its partitions (ZooKeeper-balanced and simple consumers).
     */
    public static GroupMetadata of(String group) {
        return new GroupMetadata(group, -1, "", Optional.empty());
    }

    /** Whether this names a member of a coordinator-managed group (a generation and member id). */
    public boolean hasMember() {
        return generation >= 0 && !memberId.isEmpty();
    }
}

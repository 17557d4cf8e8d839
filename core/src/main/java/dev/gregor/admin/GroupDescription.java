package dev.gregor.admin;

import java.util.List;
import java.util.Optional;

import dev.gregor.Broker;

/**
 * A group in full.
 *
 * @param groupId      the group's id
 * @param type         the protocol it runs
 * @param state        its state as the coordinator names it
 * @param protocolType as in {@link GroupListing#protocolType()}
 * @param assignor     the assignment strategy in use ({@code range}, {@code uniform}, ...), empty when none is
 * @param coordinator  the broker coordinating it
 * @param members      its members, sorted by member id
 */
public record GroupDescription(String groupId, GroupType type, String state, String protocolType, String assignor,
                               Optional<Broker> coordinator, List<GroupMember> members) {

    /** Copies the list so the record stays immutable. */
    public GroupDescription {
        members = List.copyOf(members);
    }
}

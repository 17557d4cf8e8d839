package dev.gregor.internal.group;

/** Lets failure tests in other packages make a managed member vanish without leaving its group. */
public final class KafkaGroupMembershipAccess {

    private KafkaGroupMembershipAccess() {
    }

    /** Stops the member's heartbeats as a crash would. */
    public static void abandon(GroupMembership membership) {
        ((KafkaGroupMembership) membership).abandon();
    }
}

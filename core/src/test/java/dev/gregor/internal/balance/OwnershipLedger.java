package dev.gregor.internal.balance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which live member reads which partition, as the members' listeners report it, shared by all members of a test
 * group. Records a violation whenever a member is assigned a partition another live member still holds.
 */
final class OwnershipLedger {

    private final Map<Integer, String> holders = new HashMap<>();
    private final List<String> violations = new ArrayList<>();

    synchronized void assign(String member, Iterable<Integer> partitions) {
        for (int partition : partitions) {
            String holder = holders.get(partition);
            if (holder != null && !holder.equals(member)) {
                violations.add(member + " was assigned partition " + partition + " while " + holder + " held it");
            }
            holders.put(partition, member);
        }
    }

    synchronized void revoke(String member, Iterable<Integer> partitions) {
        for (int partition : partitions) {
            holders.remove(partition, member);
        }
    }

    /** The member's process is gone: what it held no longer counts. */
    synchronized void forget(String member) {
        holders.values().removeIf(member::equals);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}

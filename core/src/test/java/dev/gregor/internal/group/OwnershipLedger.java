package dev.gregor.internal.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gregor.TopicPartition;

/**
 * Which live member reads which partition, and which member is still committing a partition it gave up, as the
 * members' listeners report it, shared by all members of a test group. Records a violation whenever a member is
 * assigned a partition another live member still reads, or whose revocation (with its commit) has not returned.
 */
final class OwnershipLedger {

    private final Map<TopicPartition, String> readers = new HashMap<>();
    private final Map<TopicPartition, String> committers = new HashMap<>();
    private final List<String> violations = new ArrayList<>();

    synchronized void assign(String member, Iterable<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            String reader = readers.get(partition);
            if (reader != null && !reader.equals(member)) {
                violations.add(member + " was assigned partition " + partition + " while " + reader + " read it");
            }
            String committer = committers.get(partition);
            if (committer != null && !committer.equals(member)) {
                violations.add(member + " was assigned partition " + partition + " while " + committer
                        + " was still committing it");
            }
            readers.put(partition, member);
        }
    }

    /** The member hands out no more messages of {@code partitions}; it may still commit them. */
    synchronized void stopReading(String member, Iterable<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (readers.remove(partition, member)) {
                committers.put(partition, member);
            }
        }
    }

    /** The member gave {@code partitions} up: it neither reads nor commits them any more. */
    synchronized void revoke(String member, Iterable<TopicPartition> partitions) {
        stopReading(member, partitions);
        for (TopicPartition partition : partitions) {
            committers.remove(partition, member);
        }
    }

    /** The member's process is gone: what it held no longer counts. */
    synchronized void forget(String member) {
        readers.values().removeIf(member::equals);
        committers.values().removeIf(member::equals);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}

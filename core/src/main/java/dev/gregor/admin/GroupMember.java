package dev.gregor.admin;

import java.util.List;
import java.util.Optional;

import dev.gregor.TopicPartition;

/**
 * One member of a group.
 *
 * @param memberId        the id the coordinator gave it
 * @param groupInstanceId its static membership id, if it has one
 * @param clientId        the client id it connected with
 * @param host            the host it connected from, as the coordinator saw it
 * @param assignment      the partitions it is assigned, sorted
 */
public record GroupMember(String memberId, Optional<String> groupInstanceId, String clientId, String host,
                          List<TopicPartition> assignment) {

    /** Copies the list so the record stays immutable. */
    public GroupMember {
        assignment = List.copyOf(assignment);
    }
}

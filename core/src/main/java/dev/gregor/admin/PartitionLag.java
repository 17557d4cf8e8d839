package dev.gregor.admin;

import java.util.Optional;
import java.util.OptionalLong;

import dev.gregor.TopicPartition;

/**
 * How far a group is behind on one partition.
 *
 * @param partition      the partition
 * @param committed      the group's committed offset (the next to read), if it committed one
 * @param logEndOffset   the partition's log end offset (its high watermark)
 * @param member         the member assigned the partition, if one is
 */
public record PartitionLag(TopicPartition partition, OptionalLong committed, long logEndOffset,
                           Optional<GroupMember> member) {

    /** Log end offset minus committed offset; empty when the group committed nothing here. */
    public OptionalLong lag() {
        return committed.isPresent() ? OptionalLong.of(Math.max(0, logEndOffset - committed.getAsLong()))
                : OptionalLong.empty();
    }
}

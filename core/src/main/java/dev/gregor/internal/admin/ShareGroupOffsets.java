package dev.gregor.internal.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.gregor.TopicPartition;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.DescribeShareGroupOffsetsRequest;
import dev.gregor.internal.protocol.message.DescribeShareGroupOffsetsResponse;

/**
 * A share group's offsets: each share-partition's start offset (everything before it was acknowledged or archived),
 * what a share group has in place of committed offsets. Asked of its coordinator with DescribeShareGroupOffsets.
 */
final class ShareGroupOffsets {

    /** What a share-partition no member has read yet reports as its start offset. */
    private static final long NOT_STARTED = -1;

    private ShareGroupOffsets() {
    }

    /** The start offset of every share-partition of the group that has one. */
    static CompletableFuture<Map<TopicPartition, Long>> startOffsets(GroupCoordinatorRequests coordinator) {
        return coordinator.send(ApiKey.DESCRIBE_SHARE_GROUP_OFFSETS,
                version -> new DescribeShareGroupOffsetsRequest().setGroups(List.of(
                        new DescribeShareGroupOffsetsRequest.DescribeShareGroupOffsetsRequestGroup()
                                .setGroupId(coordinator.group()).setTopics(null))),
                (DescribeShareGroupOffsetsResponse response, BrokerConnection from) -> {
                    DescribeShareGroupOffsetsResponse.DescribeShareGroupOffsetsResponseGroup group =
                            response.groups().get(0);
                    coordinator.check(group.errorCode(), "Reading the share offsets");
                    Map<TopicPartition, Long> offsets = new TreeMap<>();
                    for (var topic : group.topics()) {
                        for (var partition : topic.partitions()) {
                            coordinator.check(partition.errorCode(), "Reading the share offsets of topic '"
                                    + topic.topicName() + "' partition " + partition.partitionIndex());
                            if (partition.startOffset() != NOT_STARTED) {
                                offsets.put(TopicPartition.of(topic.topicName(), partition.partitionIndex()),
                                        partition.startOffset());
                            }
                        }
                    }
                    return offsets;
                });
    }
}

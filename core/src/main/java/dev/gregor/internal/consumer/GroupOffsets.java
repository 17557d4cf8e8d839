package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.internal.client.Retries;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.OffsetCommitRequest;
import dev.gregor.internal.protocol.message.OffsetCommitResponse;
import dev.gregor.internal.protocol.message.OffsetFetchRequest;
import dev.gregor.internal.protocol.message.OffsetFetchResponse;

/**
 * A consumer group's committed offsets, kept by its group coordinator: finds the coordinator (and finds it again
 * when it moves), reads offsets (OffsetFetch) and commits them (OffsetCommit), retrying retriable errors until
 * a deadline. Generation and member id are those of a balanced consumer's membership, or -1 and "" for a
 * simple consumer's standalone commits.
 */
public final class GroupOffsets {

    /** Generation, member and instance of a consumer that commits without being a group member. */
    public record Membership(int generation, String memberId, String groupInstanceId) {

        /** A consumer outside any group membership. */
        public static final Membership STANDALONE = new Membership(-1, "", null);
    }

    private final String group;
    private final Duration timeout;
    private final GroupCoordinatorLookup coordinator;
    /** The latest commit, done or not (never failed: its outcome is its caller's); the next one waits for it. */
    private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);

    /** Offsets of {@code group}, each operation given {@code timeout} including retries. */
    public GroupOffsets(String group, MetadataCache metadata, BrokerConnections connections, Duration timeout) {
        this.group = group;
        this.coordinator = new GroupCoordinatorLookup(group, metadata, connections, "");
        this.timeout = timeout;
    }

    /** The group's name. */
    public String group() {
        return group;
    }

    /** The committed offset of each of {@code partitions} of {@code topic}, or -1 where none is committed. */
    public CompletableFuture<Map<Integer, Long>> fetch(String topic, UUID topicId, List<Integer> partitions) {
        return Retries.untilDeadline(() -> coordinator().thenCompose(connection -> {
            short version = connection.version(ApiKey.OFFSET_FETCH);
            return connection.<OffsetFetchResponse>send(ApiKey.OFFSET_FETCH, fetchRequest(topic, topicId, partitions, version))
                    .thenApply(response -> {
                        try {
                            return committed(response, version, partitions);
                        } finally {
                            response.release();
                        }
                    });
        }), timeout);
    }

    /**
     * Commits {@code offsets} (partition to next offset to read) of {@code topic} as {@code member}, once every
     * earlier commit has finished: otherwise commits queued behind a coordinator lookup, or an older one being
     * retried, would reach the coordinator out of order and move the committed offset back.
     */
    public synchronized CompletableFuture<Void> commit(String topic, UUID topicId, Map<Integer, Long> offsets,
                                                       Membership member) {
        if (offsets.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> previous = lastCommit;
        CompletableFuture<Void> commit = Retries.untilDeadline(() -> previous.thenCompose(done -> coordinator())
                .thenCompose(connection -> {
            short version = connection.version(ApiKey.OFFSET_COMMIT);
            return connection.<OffsetCommitResponse>send(ApiKey.OFFSET_COMMIT, commitRequest(topic, topicId, offsets, member, version))
                    .thenAccept(response -> {
                        try {
                            for (OffsetCommitResponse.OffsetCommitResponseTopic answered : response.topics()) {
                                for (OffsetCommitResponse.OffsetCommitResponsePartition partition : answered.partitions()) {
                                    check(ErrorCode.forCode(partition.errorCode()), "Committing offsets of topic '" + topic + "'");
                                }
                            }
                        } finally {
                            response.release();
                        }
                    });
        }), timeout);
        lastCommit = commit.handle((done, failure) -> null);
        return commit;
    }

    private OffsetFetchRequest fetchRequest(String topic, UUID topicId, List<Integer> partitions, short version) {
        if (version < 8) {
            return new OffsetFetchRequest().setGroupId(group).setTopics(List.of(
                    new OffsetFetchRequest.OffsetFetchRequestTopic().setName(topic).setPartitionIndexes(partitions)));
        }
        OffsetFetchRequest.OffsetFetchRequestTopics wanted = new OffsetFetchRequest.OffsetFetchRequestTopics()
                .setPartitionIndexes(partitions);
        if (version >= 10) {
            wanted.setTopicId(topicId);
        } else {
            wanted.setName(topic);
        }
        return new OffsetFetchRequest().setGroups(List.of(new OffsetFetchRequest.OffsetFetchRequestGroup()
                .setGroupId(group).setTopics(List.of(wanted))));
    }

    private Map<Integer, Long> committed(OffsetFetchResponse response, short version, List<Integer> partitions) {
        Map<Integer, Long> offsets = new HashMap<>();
        partitions.forEach(partition -> offsets.put(partition, -1L));
        if (version < 8) {
            check(ErrorCode.forCode(response.errorCode()), "Reading offsets of group '" + group + "'");
            for (OffsetFetchResponse.OffsetFetchResponseTopic topic : response.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartition partition : topic.partitions()) {
                    check(ErrorCode.forCode(partition.errorCode()), "Reading offsets of group '" + group + "'");
                    offsets.put(partition.partitionIndex(), partition.committedOffset());
                }
            }
            return offsets;
        }
        for (OffsetFetchResponse.OffsetFetchResponseGroup answered : response.groups()) {
            check(ErrorCode.forCode(answered.errorCode()), "Reading offsets of group '" + group + "'");
            for (OffsetFetchResponse.OffsetFetchResponseTopics topic : answered.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartitions partition : topic.partitions()) {
                    check(ErrorCode.forCode(partition.errorCode()), "Reading offsets of group '" + group + "'");
                    offsets.put(partition.partitionIndex(), partition.committedOffset());
                }
            }
        }
        return offsets;
    }

    private OffsetCommitRequest commitRequest(String topic, UUID topicId, Map<Integer, Long> offsets, Membership member,
                                              short version) {
        OffsetCommitRequest.OffsetCommitRequestTopic committed = new OffsetCommitRequest.OffsetCommitRequestTopic()
                .setPartitions(offsets.entrySet().stream()
                        .map(entry -> new OffsetCommitRequest.OffsetCommitRequestPartition()
                                .setPartitionIndex(entry.getKey())
                                .setCommittedOffset(entry.getValue()))
                        .toList());
        if (version >= 10) {
            committed.setTopicId(topicId);
        } else {
            committed.setName(topic);
        }
        OffsetCommitRequest request = new OffsetCommitRequest()
                .setGroupId(group)
                .setGenerationIdOrMemberEpoch(member.generation())
                .setMemberId(member.memberId())
                .setTopics(List.of(committed));
        if (version >= 7) {
            request.setGroupInstanceId(member.groupInstanceId());
        }
        return request;
    }

    private void check(ErrorCode error, String operation) {
        switch (error) {
            case NONE -> { }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS -> {
                coordinator.forget();
                throw new BrokerErrorException(operation, error.name() + " (finding the coordinator again)", true);
            }
            case GROUP_AUTHORIZATION_FAILED -> throw new AuthorizationException("use", "consumer group '" + group + "'");
            case TOPIC_AUTHORIZATION_FAILED -> throw new AuthorizationException("read offsets of", "the topic (group '" + group + "')");
            default -> throw new BrokerErrorException(operation, error.name(), error.isRetriable() || error == ErrorCode.UNSTABLE_OFFSET_COMMIT);
        }
    }

    private CompletableFuture<BrokerConnection> coordinator() {
        return coordinator.connection();
    }
}

package dev.gregor.internal.group;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
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

    private static final Set<String> COORDINATOR_ERRORS = Set.of(ErrorCode.NOT_COORDINATOR.name(),
            ErrorCode.COORDINATOR_NOT_AVAILABLE.name(), ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.name());

    /** Generation, member and instance of a consumer that commits without being a group member. */
    public record Membership(int generation, String memberId, String groupInstanceId) {

        /** A consumer outside any group membership. */
        public static final Membership STANDALONE = new Membership(-1, "", null);
    }

    private final String group;
    private final Duration timeout;
    private final GroupCoordinatorLookup coordinator;
    private final CommitLine commits = new CommitLine(this::send);

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
     * Commits {@code offsets} (partition to next offset to read) of {@code topic} as {@code member}, after every
     * commit asked for before (see {@link CommitLine}). The future completes within the timeout: exceptionally,
     * saying why, if the coordinator did not take the offsets by then.
     */
    public CompletableFuture<Void> commit(String topic, UUID topicId, Map<Integer, Long> offsets, Membership member) {
        if (offsets.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return commits.submit(new CommitLine.Commit(topic, topicId, offsets, member, System.nanoTime() + timeout.toNanos()));
    }

    /**
     * Sends one commit of the line, retrying until its deadline, which also ends the commit's result at the latest;
     * the returned future completes when the retries have ended, so no attempt of this commit can land later.
     */
    private CompletableFuture<?> send(CommitLine.Commit commit) {
        long remainingNanos = commit.deadlineNanos - System.nanoTime();
        AtomicReference<KafkaException> lastFailure = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        if (remainingNanos <= 0) {
            commit.result.completeExceptionally(timedOut(commit, 0, null));
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> deadline = new CompletableFuture<Void>().orTimeout(remainingNanos, TimeUnit.NANOSECONDS);
        deadline.whenComplete((ignored, expired) -> {
            if (expired != null) {
                commit.result.completeExceptionally(timedOut(commit, attempts.get(), lastFailure.get()));
            }
        });
        commit.result.whenComplete((ignored, failure) -> deadline.complete(null));
        CompletableFuture<Void> retries = Retries.untilDeadline(() -> {
            attempts.incrementAndGet();
            return attempt(commit).whenComplete((done, failure) -> {
                if (failure != null) {
                    lastFailure.set(Futures.unwrap(failure));
                }
            });
        }, Duration.ofNanos(remainingNanos));
        return retries.handle((done, failure) -> {
            if (failure == null) {
                commit.result.complete(null);
            } else {
                KafkaException error = Futures.unwrap(failure);
                commit.result.completeExceptionally(error.isRetriable() ? timedOut(commit, attempts.get(), error) : error);
            }
            return null;
        });
    }

    private CompletableFuture<Void> attempt(CommitLine.Commit commit) {
        return coordinator().thenCompose(connection -> {
            short version = connection.version(ApiKey.OFFSET_COMMIT);
            return connection.<OffsetCommitResponse>send(ApiKey.OFFSET_COMMIT,
                            commitRequest(commit.topic, commit.topicId, commit.offsets, commit.member, version))
                    .thenAccept(response -> {
                        try {
                            for (OffsetCommitResponse.OffsetCommitResponseTopic answered : response.topics()) {
                                for (OffsetCommitResponse.OffsetCommitResponsePartition partition : answered.partitions()) {
                                    check(ErrorCode.forCode(partition.errorCode()), "Committing offsets of topic '" + commit.topic + "'");
                                }
                            }
                        } finally {
                            response.release();
                        }
                    });
        });
    }

    /**
     * Why a commit ran out of time: the coordinator moved or is unavailable (which broker, what was tried, what to
     * do), or else the last failure.
     */
    private KafkaTimeoutException timedOut(CommitLine.Commit commit, int attempts, KafkaException last) {
        String operation = "Committing offsets " + commit.offsets + " of topic '" + commit.topic + "' for group '" + group + "'";
        String notCommitted = " These offsets are not committed; the next commit carries them.";
        if (attempts == 0) {
            return new KafkaTimeoutException(operation, timeout, "It waited all that time behind this consumer's"
                    + " earlier commit, which was still being retried (commits are sent in order, so that an older"
                    + " one never lands after a newer one)." + notCommitted + " Commit again, or raise the client's"
                    + " apiTimeout.");
        }
        String tried = attempts + (attempts == 1 ? " attempt" : " attempts");
        if (last == null || isCoordinatorTrouble(last)) {
            return new KafkaTimeoutException(operation, timeout, "The group coordinator moved or is unavailable (last"
                    + " found: " + coordinator.lastFound() + "). " + tried + ", each finding the coordinator again"
                    + " through the other brokers" + (last == null ? "." : "; the last one failed: " + last.getMessage())
                    + notCommitted + " A new coordinator takes over once Kafka has fenced the failed broker"
                    + " (broker.session.timeout.ms, 9 s by default) and loaded the group: commit again, or give the"
                    + " client an apiTimeout longer than that.");
        }
        return new KafkaTimeoutException(operation, timeout, tried + "; the last one failed: " + last.getMessage()
                + notCommitted + " Commit again, or raise the client's apiTimeout.");
    }

    /** Failures of finding or reaching the coordinator, or its answer that it is not (yet) the coordinator. */
    private static boolean isCoordinatorTrouble(KafkaException failure) {
        return failure instanceof BrokerUnavailableException || failure instanceof KafkaTimeoutException
                || (failure instanceof BrokerErrorException answered && COORDINATOR_ERRORS.contains(answered.error()));
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
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                coordinator.forget();
                throw new BrokerErrorException(operation, error.name(), true);
            }
            case COORDINATOR_LOAD_IN_PROGRESS -> throw new BrokerErrorException(operation, error.name(), true);
            case GROUP_AUTHORIZATION_FAILED -> throw new AuthorizationException("use", "consumer group '" + group + "'");
            case TOPIC_AUTHORIZATION_FAILED -> throw new AuthorizationException("read offsets of", "the topic (group '" + group + "')");
            default -> throw new BrokerErrorException(operation, error.name(), error.isRetriable() || error == ErrorCode.UNSTABLE_OFFSET_COMMIT);
        }
    }

    private CompletableFuture<BrokerConnection> coordinator() {
        return coordinator.connection();
    }
}

package dev.gregor.internal.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gregor.BrokerErrorException;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.async.Retries;
import dev.gregor.internal.client.TopicPartitions;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.OffsetCommitRequest;
import dev.gregor.internal.protocol.message.OffsetCommitResponse;
import dev.gregor.internal.protocol.message.OffsetFetchRequest;
import dev.gregor.internal.protocol.message.OffsetFetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer group's committed offsets, kept by its group coordinator: finds the coordinator (and finds it again
 * when it moves), reads offsets (OffsetFetch) and commits them (OffsetCommit), one request for every topic asked
 * about (named by id where the version wants it), retrying retriable errors until
 * a deadline. Generation and member id are those of a balanced consumer's membership, or -1 and "" for a
 * simple consumer's standalone commits.
 */
public final class GroupOffsets {

    private static final Logger log = LoggerFactory.getLogger(GroupOffsets.class);

    private static final Set<String> COORDINATOR_ERRORS = Set.of(ErrorCode.NOT_COORDINATOR.name(),
            ErrorCode.COORDINATOR_NOT_AVAILABLE.name(), ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.name());

    /** Generation, member and instance of a consumer that commits without being a group member. */
    public record Membership(int generation, String memberId, String groupInstanceId) {

        /** A consumer outside any group membership. */
        public static final Membership STANDALONE = new Membership(-1, "", null);
    }

    private final String group;
    private final Duration timeout;
    private final MetadataCache metadata;
    private final GroupCoordinatorLookup coordinator;
    private final CommitLine commits = new CommitLine(this::send);

    /** Offsets of {@code group}, each operation given {@code timeout} including retries. */
    public GroupOffsets(String group, MetadataCache metadata, BrokerConnections connections, Duration timeout) {
        this.group = group;
        this.metadata = metadata;
        this.coordinator = new GroupCoordinatorLookup(group, metadata, connections, "");
        this.timeout = timeout;
    }

    /** The group's name. */
    public String group() {
        return group;
    }

    /**
     * The committed offset of each of {@code partitions}, of any topics, or -1 where none is committed;
     * {@code topicIds} holds each topic's id.
     */
    public CompletableFuture<Map<TopicPartition, Long>> fetch(Collection<TopicPartition> partitions,
                                                              Map<String, UUID> topicIds) {
        return fetch(TopicPartitions.byTopic(partitions), topicIds).thenApply(answered -> {
            Map<TopicPartition, Long> offsets = new TreeMap<>();
            partitions.forEach(partition -> offsets.put(partition, answered.getOrDefault(partition, -1L)));
            return offsets;
        });
    }

    /**
     * Every offset the group committed, of every topic; {@code topicIds} holds the id of each topic of the cluster,
     * to name those the coordinator answers by id. Partitions without a committed offset are left out.
     */
    public CompletableFuture<Map<TopicPartition, Long>> fetchAll(Map<String, UUID> topicIds) {
        return fetch((Map<String, List<Integer>>) null, topicIds).thenApply(answered -> {
            answered.values().removeIf(offset -> offset < 0);
            return answered;
        });
    }

    /** The offsets the coordinator names for {@code partitions} (topic to partition ids; null for all). */
    private CompletableFuture<Map<TopicPartition, Long>> fetch(Map<String, List<Integer>> partitions,
                                                               Map<String, UUID> topicIds) {
        return Retries.untilDeadline(() -> coordinator().thenCompose(connection -> {
            short version = connection.version(ApiKey.OFFSET_FETCH);
            return connection.<OffsetFetchResponse>send(ApiKey.OFFSET_FETCH, fetchRequest(partitions, topicIds, version))
                    .thenApply(response -> {
                        try {
                            return committed(response, version, topicIds);
                        } finally {
                            response.release();
                        }
                    });
        }), timeout);
    }

    /**
     * Commits {@code offsets} (partition to next offset to read, of any topics; {@code topicIds} holds each topic's
     * id) as {@code member}, after every commit asked for before (see {@link CommitLine}). The future completes
     * within the timeout: exceptionally, saying why, if the coordinator did not take the offsets by then.
     */
    public CompletableFuture<Void> commit(Map<TopicPartition, Long> offsets, Map<String, UUID> topicIds,
                                          Membership member) {
        if (offsets.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return commits.submit(new CommitLine.Commit(offsets, topicIds, member, System.nanoTime() + timeout.toNanos()));
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
                            commitRequest(commit.offsets, commit.topicIds, commit.member, version))
                    .thenApply(response -> {
                        try {
                            return unknownTopics(response, commit);
                        } finally {
                            response.release();
                        }
                    });
        }).thenCompose(unknown -> unknown.isEmpty() ? CompletableFuture.completedFuture(null)
                : dropDeleted(commit, unknown));
    }

    /**
     * The topics the coordinator did not know (every other partition error fails the attempt, as it would be
     * retried or reported): deleted since, or not known to it yet.
     */
    private Set<String> unknownTopics(OffsetCommitResponse response, CommitLine.Commit commit) {
        Set<String> unknown = new TreeSet<>();
        for (OffsetCommitResponse.OffsetCommitResponseTopic answered : response.topics()) {
            String topic = answered.name().isEmpty() ? nameOf(answered.topicId(), commit.topicIds) : answered.name();
            for (OffsetCommitResponse.OffsetCommitResponsePartition partition : answered.partitions()) {
                ErrorCode error = ErrorCode.forCode(partition.errorCode());
                if (topic != null && (error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || error == ErrorCode.UNKNOWN_TOPIC_ID)) {
                    unknown.add(topic);
                } else {
                    check(error, "Committing offsets of topic '" + topic + "'");
                }
            }
        }
        return unknown;
    }

    /**
     * Drops from {@code commit} the offsets of those {@code unknown} topics that the cluster no longer has (the other
     * partitions were committed by the same answer), so that a deleted topic does not hold this and every later
     * commit up until the timeout; fails the attempt, to be retried, if any of them still exists.
     */
    private CompletableFuture<Void> dropDeleted(CommitLine.Commit commit, Set<String> unknown) {
        Map<String, CompletableFuture<Boolean>> exists = new TreeMap<>();
        unknown.forEach(topic -> exists.put(topic, metadata.exists(topic)));
        return CompletableFuture.allOf(exists.values().toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<String> present = exists.entrySet().stream().filter(entry -> entry.getValue().join())
                    .map(Map.Entry::getKey).toList();
            if (!present.isEmpty()) {
                throw new BrokerErrorException("Committing offsets of topic '" + present.get(0) + "'",
                        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.name(), true);
            }
            Map<TopicPartition, Long> dropped = new TreeMap<>(commit.offsets);
            dropped.keySet().removeIf(partition -> !unknown.contains(partition.topic()));
            commit.offsets.keySet().removeAll(dropped.keySet());
            log.warn("Group '{}': topic(s) {} were deleted, so their offsets {} are not committed (the other topics' offsets"
                    + " are)", group, unknown, dropped);
        });
    }

    /**
     * Why a commit ran out of time: the coordinator moved or is unavailable (which broker, what was tried, what to
     * do), or else the last failure.
     */
    private KafkaTimeoutException timedOut(CommitLine.Commit commit, int attempts, KafkaException last) {
        String operation = "Committing offsets " + commit.offsets + " for group '" + group + "'";
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

    private static String nameOf(UUID topicId, Map<String, UUID> topicIds) {
        return topicIds.entrySet().stream().filter(entry -> entry.getValue().equals(topicId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private OffsetFetchRequest fetchRequest(Map<String, List<Integer>> partitions, Map<String, UUID> topicIds,
                                            short version) {
        if (version < 8) {
            return new OffsetFetchRequest().setRequireStable(version >= 7).setGroupId(group).setTopics(partitions == null ? null
                    : partitions.entrySet().stream()
                    .map(topic -> new OffsetFetchRequest.OffsetFetchRequestTopic().setName(topic.getKey())
                            .setPartitionIndexes(topic.getValue()))
                    .toList());
        }
        List<OffsetFetchRequest.OffsetFetchRequestTopics> wanted = partitions == null ? null
                : partitions.entrySet().stream().map(topic -> {
                    OffsetFetchRequest.OffsetFetchRequestTopics asked = new OffsetFetchRequest.OffsetFetchRequestTopics()
                            .setPartitionIndexes(topic.getValue());
                    return version >= 10 ? asked.setTopicId(topicIds.get(topic.getKey())) : asked.setName(topic.getKey());
                }).toList();
        // RequireStable (KIP-447): while a transaction that commits offsets of the group is open, the coordinator
        // answers UNSTABLE_OFFSET_COMMIT (retried) rather than the offset that transaction may still replace.
        return new OffsetFetchRequest().setRequireStable(true).setGroups(List.of(
                new OffsetFetchRequest.OffsetFetchRequestGroup().setGroupId(group).setTopics(wanted)));
    }

    /** Every committed offset the answer names (-1 for an asked partition without one). */
    private Map<TopicPartition, Long> committed(OffsetFetchResponse response, short version, Map<String, UUID> topicIds) {
        Map<TopicPartition, Long> offsets = new TreeMap<>();
        String operation = "Reading offsets of group '" + group + "'";
        if (version < 8) {
            check(ErrorCode.forCode(response.errorCode()), operation);
            for (OffsetFetchResponse.OffsetFetchResponseTopic topic : response.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartition partition : topic.partitions()) {
                    check(ErrorCode.forCode(partition.errorCode()), operation);
                    offsets.put(new TopicPartition(topic.name(), partition.partitionIndex()), partition.committedOffset());
                }
            }
            return offsets;
        }
        for (OffsetFetchResponse.OffsetFetchResponseGroup answered : response.groups()) {
            check(ErrorCode.forCode(answered.errorCode()), operation);
            for (OffsetFetchResponse.OffsetFetchResponseTopics topic : answered.topics()) {
                String name = topic.name().isEmpty() ? nameOf(topic.topicId(), topicIds) : topic.name();
                for (OffsetFetchResponse.OffsetFetchResponsePartitions partition : topic.partitions()) {
                    check(ErrorCode.forCode(partition.errorCode()), operation);
                    if (name != null) {
                        offsets.put(new TopicPartition(name, partition.partitionIndex()), partition.committedOffset());
                    }
                }
            }
        }
        return offsets;
    }

    private OffsetCommitRequest commitRequest(Map<TopicPartition, Long> offsets, Map<String, UUID> topicIds,
                                              Membership member, short version) {
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new TreeMap<>();
        offsets.forEach((partition, offset) -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>())
                .add(new OffsetCommitRequest.OffsetCommitRequestPartition()
                        .setPartitionIndex(partition.partition())
                        .setCommittedOffset(offset)));
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, committed) -> {
            OffsetCommitRequest.OffsetCommitRequestTopic request = new OffsetCommitRequest.OffsetCommitRequestTopic()
                    .setPartitions(committed);
            if (version >= 10) {
                request.setTopicId(topicIds.get(topic));
            } else {
                request.setName(topic);
            }
            topics.add(request);
        });
        OffsetCommitRequest request = new OffsetCommitRequest()
                .setGroupId(group)
                .setGenerationIdOrMemberEpoch(member.generation())
                .setMemberId(member.memberId())
                .setTopics(topics);
        if (version >= 7) {
            request.setGroupInstanceId(member.groupInstanceId());
        }
        return request;
    }

    private void check(ErrorCode error, String operation) {
        GroupErrors.check(error, group, operation, coordinator);
    }

    private CompletableFuture<BrokerConnection> coordinator() {
        return coordinator.connection();
    }
}

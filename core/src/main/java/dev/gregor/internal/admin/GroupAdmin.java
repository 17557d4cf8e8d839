package dev.gregor.internal.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.gregor.BrokerErrorException;
import dev.gregor.GroupNotEmptyException;
import dev.gregor.InvalidConfigException;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownGroupException;
import dev.gregor.admin.GroupDescription;
import dev.gregor.admin.GroupListing;
import dev.gregor.admin.GroupMember;
import dev.gregor.admin.GroupType;
import dev.gregor.admin.PartitionLag;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.client.OffsetLookup;
import dev.gregor.internal.client.TopicPartitions;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.group.GroupOffsets;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.DeleteGroupsRequest;
import dev.gregor.internal.protocol.message.DeleteGroupsResponse;
import dev.gregor.internal.protocol.message.OffsetDeleteRequest;
import dev.gregor.internal.protocol.message.OffsetDeleteResponse;
import dev.gregor.internal.network.BrokerConnection;

/**
 * Groups, their committed offsets and their lag: listings from every broker, everything else from the group's
 * coordinator. Each call is one future, retried while it fails retriably and awaited for at most the apiTimeout.
 */
final class GroupAdmin {

    /** What a coordinator answers a commit of generation -1 for a group whose members are live. */
    private static final Set<String> LIVE_GROUP_ERRORS = Set.of(ErrorCode.UNKNOWN_MEMBER_ID.name(),
            ErrorCode.ILLEGAL_GENERATION.name(), ErrorCode.REBALANCE_IN_PROGRESS.name(),
            ErrorCode.STALE_MEMBER_EPOCH.name(), ErrorCode.FENCED_MEMBER_EPOCH.name());
    private static final String ALTER_OFFSETS = "alter the offsets of";

    private final ClientContext context;
    private final Blocking blocking;
    private final GroupLister lister;
    private final OffsetLookup offsetLookup;

    GroupAdmin(ClientContext context) {
        this.context = context;
        this.blocking = new Blocking(context.apiTimeout());
        this.lister = new GroupLister(context.metadata(), context.connections());
        this.offsetLookup = new OffsetLookup(context.metadata(), context.connections());
    }

    /** Every group of the cluster, sorted by id. */
    List<GroupListing> listGroups() {
        return blocking.call(lister::list, "Listing the groups of the cluster");
    }

    /** {@code group} with its members, or an {@link UnknownGroupException}. */
    GroupDescription describeGroup(String group) {
        return blocking.await(describe(group), "Describing group '" + group + "'");
    }

    /** Deletes {@code group}; refused while it has members. */
    void deleteGroup(String group) {
        GroupCoordinatorRequests coordinator = coordinator(group);
        blocking.call(() -> coordinator.send(ApiKey.DELETE_GROUPS,
                version -> new DeleteGroupsRequest().setGroupsNames(List.of(group)),
                (DeleteGroupsResponse response, BrokerConnection from) -> {
                    short code = response.results().get(0).errorCode();
                    if (ErrorCode.forCode(code) == ErrorCode.NON_EMPTY_GROUP) {
                        throw new GroupNotEmptyException(group, "delete");
                    }
                    coordinator.check(code, "Deleting");
                    return null;
                }), "Deleting group '" + group + "'");
    }

    /** Every offset {@code group} committed; an {@link UnknownGroupException} if the cluster has no such group. */
    Map<TopicPartition, Long> groupOffsets(String group) {
        return blocking.await(committed(group).thenCompose(committed -> committed.isEmpty()
                ? describe(group).thenCompose(described -> offsetsOf(described, committed))
                : CompletableFuture.completedFuture(committed)), "Reading the offsets of group '" + group + "'");
    }

    /**
     * Commits {@code offsets} for {@code group} as kafka-consumer-groups does (generation -1, no member id), after
     * checking that it has no members; a coordinator that finds members anyway refuses, and that is reported alike.
     */
    void alterGroupOffsets(String group, Map<TopicPartition, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            if (offset < 0) {
                throw new IllegalArgumentException("Offset " + offset + " for " + partition + " of group '" + group
                        + "' is negative: give the offset of the next record the group is to read (0 or more)");
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        GroupOffsets committer = groupOffsets(group, context);
        CompletableFuture<Void> altered = describedOrNone(group).thenCompose(described -> {
            if (described.isPresent() && described.get().type() == GroupType.SHARE) {
                throw new InvalidConfigException("group", group, "a consumer group: this is a share group, whose"
                        + " start offsets Gregor cannot change yet (Kafka's kafka-share-groups.sh --reset-offsets can)");
            }
            if (described.isPresent() && !described.get().members().isEmpty()) {
                throw new GroupNotEmptyException(group, ALTER_OFFSETS);
            }
            return topicIds(offsets.keySet());
        }).thenCompose(topicIds -> committer.commit(offsets, topicIds, GroupOffsets.Membership.STANDALONE));
        try {
            blocking.await(altered, "Altering the offsets of group '" + group + "'");
        } catch (BrokerErrorException refused) {
            if (LIVE_GROUP_ERRORS.contains(refused.error())) {
                throw new GroupNotEmptyException(group, ALTER_OFFSETS);
            }
            throw refused;
        }
    }

    /** Deletes the offsets {@code group} committed for {@code partitions}; refused for a topic a member consumes. */
    void deleteGroupOffsets(String group, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        GroupCoordinatorRequests coordinator = coordinator(group);
        List<OffsetDeleteRequest.OffsetDeleteRequestTopic> topics = new ArrayList<>();
        TopicPartitions.byTopic(partitions).forEach((topic, ids) -> topics.add(
                new OffsetDeleteRequest.OffsetDeleteRequestTopic().setName(topic).setPartitions(ids.stream()
                        .map(id -> new OffsetDeleteRequest.OffsetDeleteRequestPartition().setPartitionIndex(id))
                        .toList())));
        blocking.call(() -> coordinator.send(ApiKey.OFFSET_DELETE,
                version -> new OffsetDeleteRequest().setGroupId(group).setTopics(topics),
                (OffsetDeleteResponse response, BrokerConnection from) -> {
                    coordinator.check(response.errorCode(), "Deleting offsets");
                    for (OffsetDeleteResponse.OffsetDeleteResponseTopic topic : response.topics()) {
                        for (OffsetDeleteResponse.OffsetDeleteResponsePartition partition : topic.partitions()) {
                            if (ErrorCode.forCode(partition.errorCode()) == ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC) {
                                throw new GroupNotEmptyException(group, "delete the offsets of topic '"
                                        + topic.name() + "', which a live member consumes, in");
                            }
                            coordinator.check(partition.errorCode(), "Deleting the offsets of topic '" + topic.name()
                                    + "' partition " + partition.partitionIndex());
                        }
                    }
                    return null;
                }), "Deleting offsets of group '" + group + "'");
    }

    /** The lag of {@code group} on every partition it committed or a member is assigned, sorted by partition. */
    List<PartitionLag> lag(String group) {
        CompletableFuture<GroupDescription> described = describe(group);
        CompletableFuture<Map<TopicPartition, Long>> committed = described.thenCompose(exists -> exists.type()
                == GroupType.SHARE ? offsetsOf(exists, Map.of()) : committed(group));
        CompletableFuture<List<PartitionLag>> lag = committed.thenCompose(offsets -> {
            Map<TopicPartition, GroupMember> assignedTo = new HashMap<>();
            described.join().members().forEach(member -> member.assignment()
                    .forEach(partition -> assignedTo.put(partition, member)));
            Set<TopicPartition> partitions = new TreeSet<>(offsets.keySet());
            partitions.addAll(assignedTo.keySet());
            return blocking.retried(() -> offsetLookup.offsets(partitions, OffsetLookup.LATEST)).thenApply(ends ->
                    partitions.stream().map(partition -> new PartitionLag(partition,
                            offsets.containsKey(partition) ? OptionalLong.of(offsets.get(partition)) : OptionalLong.empty(),
                            ends.get(partition), Optional.ofNullable(assignedTo.get(partition)))).toList());
        });
        return blocking.await(lag, "Computing the lag of group '" + group + "'");
    }

    private CompletableFuture<GroupDescription> describe(String group) {
        GroupCoordinatorRequests coordinator = coordinator(group);
        return blocking.retried(() -> GroupDescriber.describe(coordinator));
    }

    /** {@code group} described; empty for a group the cluster does not know (yet). */
    private CompletableFuture<Optional<GroupDescription>> describedOrNone(String group) {
        return describe(group).handle((described, failure) -> {
            if (failure == null) {
                return Optional.of(described);
            }
            if (Futures.unwrap(failure) instanceof UnknownGroupException) {
                return Optional.empty();
            }
            throw Futures.unwrap(failure);
        });
    }

    /**
     * What stands for {@code described}'s committed offsets: a share group's share-partition start offsets, else
     * {@code committed} (what OffsetFetch found).
     */
    private CompletableFuture<Map<TopicPartition, Long>> offsetsOf(GroupDescription described,
                                                                   Map<TopicPartition, Long> committed) {
        if (described.type() != GroupType.SHARE) {
            return CompletableFuture.completedFuture(committed);
        }
        GroupCoordinatorRequests coordinator = coordinator(described.groupId());
        return blocking.retried(() -> ShareGroupOffsets.startOffsets(coordinator));
    }

    /** Every offset {@code group} committed, of every topic of the cluster. */
    private CompletableFuture<Map<TopicPartition, Long>> committed(String group) {
        GroupOffsets offsets = groupOffsets(group, context);
        return blocking.retried(() -> context.metadata().refreshAll()).thenCompose(snapshot -> {
            Map<String, UUID> topicIds = new HashMap<>();
            snapshot.topics().values().forEach(topic -> topicIds.put(topic.name(), topic.topicId()));
            return offsets.fetchAll(topicIds);
        });
    }

    /** The id of each topic of {@code partitions}, failing clearly for an unknown topic or partition. */
    private CompletableFuture<Map<String, UUID>> topicIds(Collection<TopicPartition> partitions) {
        Map<String, CompletableFuture<TopicMetadata>> topics = new TreeMap<>();
        partitions.forEach(partition -> topics.computeIfAbsent(partition.topic(),
                topic -> blocking.retried(() -> context.metadata().topic(topic))));
        return CompletableFuture.allOf(topics.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
            partitions.forEach(partition -> topics.get(partition.topic()).join().partition(partition.partition()));
            Map<String, UUID> ids = new HashMap<>();
            topics.forEach((name, topic) -> ids.put(name, topic.join().topicId()));
            return ids;
        });
    }

    private GroupCoordinatorRequests coordinator(String group) {
        return new GroupCoordinatorRequests(group, context.metadata(), context.connections());
    }

    private static GroupOffsets groupOffsets(String group, ClientContext context) {
        return new GroupOffsets(group, context.metadata(), context.connections(), context.apiTimeout());
    }
}

package dev.gregor.internal.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.gregor.TopicPartition;
import dev.gregor.UnknownGroupException;
import dev.gregor.admin.GroupDescription;
import dev.gregor.admin.GroupMember;
import dev.gregor.admin.GroupType;
import dev.gregor.internal.group.ConsumerProtocol;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ConsumerGroupDescribeRequest;
import dev.gregor.internal.protocol.message.ConsumerGroupDescribeResponse;
import dev.gregor.internal.protocol.message.DescribeGroupsRequest;
import dev.gregor.internal.protocol.message.DescribeGroupsResponse;
import dev.gregor.internal.protocol.message.ShareGroupDescribeRequest;
import dev.gregor.internal.protocol.message.ShareGroupDescribeResponse;

/**
 * Describes a group with the API of its type, asking its coordinator in turn: ConsumerGroupDescribe (KIP-848
 * groups), ShareGroupDescribe (KIP-932), then DescribeGroups (classic groups, and groups that only hold offsets).
 * A coordinator answers GROUP_ID_NOT_FOUND to the API of another type, and a broker too old for one skips it.
 */
final class GroupDescriber {

    private static final String DEAD = "Dead";
    private static final String SHARE_PROTOCOL = "share";

    private GroupDescriber() {
    }

    /** The group {@code coordinator} coordinates, or an {@link UnknownGroupException} if it knows none of that id. */
    static CompletableFuture<GroupDescription> describe(GroupCoordinatorRequests coordinator) {
        return coordinator.brokersKnown().thenCompose(known -> orElse(consumerGroup(coordinator),
                () -> orElse(shareGroup(coordinator), () -> classicGroup(coordinator))));
    }

    private static CompletableFuture<GroupDescription> orElse(CompletableFuture<Optional<GroupDescription>> first,
                                                              Supplier<CompletableFuture<GroupDescription>> next) {
        return first.thenCompose(found -> found.map(CompletableFuture::completedFuture).orElseGet(next));
    }

    private static CompletableFuture<Optional<GroupDescription>> consumerGroup(GroupCoordinatorRequests coordinator) {
        return ifSupported(coordinator, ApiKey.CONSUMER_GROUP_DESCRIBE, () -> coordinator.send(
                ApiKey.CONSUMER_GROUP_DESCRIBE,
                version -> new ConsumerGroupDescribeRequest().setGroupIds(List.of(coordinator.group())),
                (ConsumerGroupDescribeResponse response, BrokerConnection from) -> {
                    ConsumerGroupDescribeResponse.DescribedGroup group = response.groups().get(0);
                    if (isOtherType(coordinator, group.errorCode(), "Describing the consumer group")) {
                        return Optional.empty();
                    }
                    List<GroupMember> members = group.members().stream().map(member -> new GroupMember(
                            member.memberId(), Optional.ofNullable(member.instanceId()), member.clientId(),
                            member.clientHost(), partitions(member.assignment().topicPartitions(),
                            ConsumerGroupDescribeResponse.TopicPartitions::topicName,
                            ConsumerGroupDescribeResponse.TopicPartitions::partitions))).toList();
                    return Optional.of(description(coordinator, group.groupState(), GroupType.CONSUMER,
                            ConsumerProtocol.PROTOCOL_TYPE, group.assignorName(), from, members));
                }));
    }

    private static CompletableFuture<Optional<GroupDescription>> shareGroup(GroupCoordinatorRequests coordinator) {
        return ifSupported(coordinator, ApiKey.SHARE_GROUP_DESCRIBE, () -> coordinator.send(
                ApiKey.SHARE_GROUP_DESCRIBE,
                version -> new ShareGroupDescribeRequest().setGroupIds(List.of(coordinator.group())),
                (ShareGroupDescribeResponse response, BrokerConnection from) -> {
                    ShareGroupDescribeResponse.DescribedGroup group = response.groups().get(0);
                    if (isOtherType(coordinator, group.errorCode(), "Describing the share group")) {
                        return Optional.empty();
                    }
                    List<GroupMember> members = group.members().stream().map(member -> new GroupMember(
                            member.memberId(), Optional.empty(), member.clientId(), member.clientHost(),
                            partitions(member.assignment().topicPartitions(),
                                    ShareGroupDescribeResponse.TopicPartitions::topicName,
                                    ShareGroupDescribeResponse.TopicPartitions::partitions))).toList();
                    return Optional.of(description(coordinator, group.groupState(), GroupType.SHARE, SHARE_PROTOCOL,
                            group.assignorName(), from, members));
                }));
    }

    private static CompletableFuture<GroupDescription> classicGroup(GroupCoordinatorRequests coordinator) {
        return coordinator.send(ApiKey.DESCRIBE_GROUPS,
                version -> new DescribeGroupsRequest().setGroups(List.of(coordinator.group())),
                (DescribeGroupsResponse response, BrokerConnection from) -> {
                    DescribeGroupsResponse.DescribedGroup group = response.groups().get(0);
                    coordinator.check(group.errorCode(), "Describing");
                    if (DEAD.equals(group.groupState())) {
                        throw new UnknownGroupException(coordinator.group());
                    }
                    boolean consumers = ConsumerProtocol.PROTOCOL_TYPE.equals(group.protocolType());
                    List<GroupMember> members = group.members().stream().map(member -> new GroupMember(
                            member.memberId(), Optional.ofNullable(member.groupInstanceId()), member.clientId(),
                            member.clientHost(), consumers
                            ? List.copyOf(ConsumerProtocol.assignedPartitions(member.memberAssignment()))
                            : List.of())).toList();
                    return description(coordinator, group.groupState(), GroupType.CLASSIC, group.protocolType(),
                            group.protocolData(), from, members);
                });
    }

    /** Runs {@code describe} if the coordinator speaks {@code api}; a broker without it has no group of its type. */
    private static CompletableFuture<Optional<GroupDescription>> ifSupported(
            GroupCoordinatorRequests coordinator, ApiKey api,
            Supplier<CompletableFuture<Optional<GroupDescription>>> describe) {
        return coordinator.supports(api).thenCompose(supported -> supported ? describe.get()
                : CompletableFuture.completedFuture(Optional.empty()));
    }

    /** Whether the coordinator answered that the group is not of the type asked about; throws on other errors. */
    private static boolean isOtherType(GroupCoordinatorRequests coordinator, short code, String operation) {
        if (ErrorCode.forCode(code) == ErrorCode.GROUP_ID_NOT_FOUND) {
            return true;
        }
        coordinator.check(code, operation);
        return false;
    }

    private static <T> List<TopicPartition> partitions(List<T> topics, Function<T, String> name,
                                                       Function<T, List<Integer>> ids) {
        TreeSet<TopicPartition> partitions = new TreeSet<>();
        topics.forEach(topic -> ids.apply(topic).forEach(id -> partitions.add(TopicPartition.of(name.apply(topic), id))));
        return List.copyOf(partitions);
    }

    private static GroupDescription description(GroupCoordinatorRequests coordinator, String state, GroupType type,
                                                String protocolType, String assignor, BrokerConnection from,
                                                List<GroupMember> members) {
        return new GroupDescription(coordinator.group(), type, state, protocolType, assignor == null ? "" : assignor,
                coordinator.broker(from), members.stream().sorted(Comparator.comparing(GroupMember::memberId)).toList());
    }
}

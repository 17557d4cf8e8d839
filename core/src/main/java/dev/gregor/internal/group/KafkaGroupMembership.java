package dev.gregor.internal.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.gregor.AuthorizationException;
import dev.gregor.BrokerErrorException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.TopicPartition;
import dev.gregor.UnknownTopicException;
import dev.gregor.balance.AssignmentStrategy;
import dev.gregor.internal.async.Futures;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.metadata.TopicMetadata;
import dev.gregor.internal.network.BrokerConnection;
import dev.gregor.internal.protocol.ErrorCode;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.HeartbeatRequest;
import dev.gregor.internal.protocol.message.HeartbeatResponse;
import dev.gregor.internal.protocol.message.JoinGroupRequest;
import dev.gregor.internal.protocol.message.JoinGroupResponse;
import dev.gregor.internal.protocol.message.LeaveGroupRequest;
import dev.gregor.internal.protocol.message.LeaveGroupResponse;
import dev.gregor.internal.protocol.message.SyncGroupRequest;
import dev.gregor.internal.protocol.message.SyncGroupResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership through Kafka's group coordinator with the classic ("eager") consumer protocol: before each rejoin the
 * member revokes everything it owns (committing it), then JoinGroup, and the elected leader computes every member's
 * topic-partitions with the group's {@link AssignmentStrategy} from every member's subscribed topics (members may
 * read different topics) and hands them out with SyncGroup. When this member's {@link GroupSubscription} changes (a
 * topic appeared or went, a topic gained partitions) it rejoins, so that the leader deals the new topic set; the
 * leader also rejoins when the metadata shows a new partition count of a topic only other members read.
 * Heartbeats keep the member alive; REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION and UNKNOWN_MEMBER_ID lead to a rejoin. A coordinator
 * that moved or is not available yet (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS) is
 * found again and the step is repeated there as the same member of the same generation: the group's state lives in
 * {@code __consumer_offsets}, and the new coordinator loads it. All of it runs on one thread per member.
 */
public final class KafkaGroupMembership implements GroupMembership {

    private static final Logger log = LoggerFactory.getLogger(KafkaGroupMembership.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    /** Answers that the coordinator moved or is not ready: retry the same step there, as the same member. */
    private static final Set<ErrorCode> COORDINATOR_ERRORS = Set.of(ErrorCode.NOT_COORDINATOR,
            ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);

    private final ClientContext context;
    private final String group;
    private final GroupSubscription subscription;
    private final AssignmentStrategy strategy;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;
    private final Duration rebalanceTimeout;
    private final String groupInstanceId;
    private final BooleanSupplier stalled;
    private final GroupCoordinatorLookup coordinator;
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private volatile String memberId = "";
    private volatile int generation = -1;
    private volatile KafkaException fatal;
    private volatile boolean stopping;
    private Set<TopicPartition> owned = Set.of();
    private boolean mustJoin = true;
    /** The topics (with partition counts) of the last JoinGroup: a different answer from the subscription rejoins. */
    private Map<String, Integer> joinedTopics = Map.of();
    /** As leader, the partition counts it dealt of topics only other members read: a change in them rejoins. */
    private Map<String, Integer> othersTopics = Map.of();
    /** Guards {@link #subscriptionChanged} and wakes the member thread's pause when the subscription changes. */
    private final Object wakeup = new Object();
    private boolean subscriptionChanged;
    private PendingSync pendingSync;
    /** The coordinator last reported as moved: while a stale one is found again, its answers go unreported. */
    private String lastMovedFrom;
    private AssignmentListener listener;
    private Thread thread;

    /**
     * A member of {@code group} reading the topics of {@code subscription}, not yet joined; {@code stalled} says when
     * the application has stopped consuming for longer than it may (the member then leaves until it consumes again).
     */
    public KafkaGroupMembership(ClientContext context, String group, GroupSubscription subscription,
                                AssignmentStrategy strategy, Duration sessionTimeout, Duration heartbeatInterval,
                                Duration rebalanceTimeout, String groupInstanceId, BooleanSupplier stalled) {
        this.context = context;
        this.group = group;
        this.subscription = subscription;
        this.strategy = strategy;
        this.sessionTimeout = sessionTimeout;
        this.heartbeatInterval = heartbeatInterval;
        this.rebalanceTimeout = rebalanceTimeout;
        this.groupInstanceId = groupInstanceId;
        this.stalled = stalled;
        this.coordinator = new GroupCoordinatorLookup(group, context.metadata(), context.connections(),
                "group-member-" + java.util.UUID.randomUUID());
    }

    /** Joins and waits (up to the API timeout) until the first assignment arrives, failing clearly if it does not. */
    @Override
    public void start(AssignmentListener assignmentListener) {
        this.listener = assignmentListener;
        subscription.onChange(this::subscriptionChanged);
        thread = new Thread(this::run, "gregor-group-" + group);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!firstAssignment.await(context.apiTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new KafkaTimeoutException("Joining consumer group '" + group + "'", context.apiTimeout(),
                        "Check that the brokers are reachable and that the group's other members use the same"
                                + " assignor ('" + strategy.name() + "').");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fatal != null) {
            close();
            throw Futures.rethrown(fatal);
        }
    }

    @Override
    public GroupOffsets.Membership commitIdentity() {
        return new GroupOffsets.Membership(generation, memberId, groupInstanceId);
    }

    @Override
    public String memberId() {
        return memberId;
    }

    /** Why membership ended for good (a group with another protocol, a refused authorization), if it did. */
    public KafkaException failure() {
        return fatal;
    }

    private void run() {
        while (!stopping && fatal == null) {
            try {
                if (stalled.getAsBoolean()) {
                    stepAsideWhileStalled();
                } else if (pendingSync != null) {
                    sync();
                } else if (mustJoin || takeSubscriptionChange() || othersTopicsChanged()) {
                    join();
                } else {
                    heartbeat();
                }
                pause(mustJoin ? Duration.ZERO : heartbeatInterval);
            } catch (KafkaException e) {
                if (!stopping) {
                    log.debug("Group '{}': {}; retrying", group, e.getMessage());
                    pause(RETRY_BACKOFF);
                }
            }
        }
        firstAssignment.countDown();
    }

    /** Called on a client thread: the subscription may have changed, so the member thread looks at once. */
    private void subscriptionChanged() {
        synchronized (wakeup) {
            subscriptionChanged = true;
            wakeup.notifyAll();
        }
    }

    /** Whether the subscription changed since the last JoinGroup, so the member must rejoin (eagerly, as ever). */
    private boolean takeSubscriptionChange() {
        synchronized (wakeup) {
            if (!subscriptionChanged) {
                return false;
            }
            subscriptionChanged = false;
        }
        Map<String, Integer> now = subscription.topics();
        if (now.equals(joinedTopics)) {
            return false;
        }
        log.info("Group '{}': member {} now reads {} (was {}); rejoining", group, memberId, now, joinedTopics);
        mustJoin = true;
        return true;
    }

    /** As leader: whether a topic only other members read now has another partition count than the one it dealt. */
    private boolean othersTopicsChanged() {
        Map<String, TopicMetadata> known = context.metadata().current().topics();
        for (Map.Entry<String, Integer> dealt : othersTopics.entrySet()) {
            TopicMetadata now = known.get(dealt.getKey());
            int count = now == null ? 0 : now.partitions().size();
            if (count != dealt.getValue()) {
                log.info("Group '{}': topic '{}', read by other members, has {} partitions now (dealt {}); the leader"
                        + " rejoins so that the group shares them", group, dealt.getKey(), count, dealt.getValue());
                mustJoin = true;
                return true;
            }
        }
        return false;
    }

    /** What SyncGroup sends for a generation just joined; kept until it succeeds, to resend to a moved coordinator. */
    private record PendingSync(int generation, String protocolName, boolean leader,
                               List<SyncGroupRequest.SyncGroupRequestAssignment> assignments) {
    }

    private void join() {
        revokeAll();
        BrokerConnection connection = coordinatorConnection();
        joinedTopics = Collections.unmodifiableSortedMap(new TreeMap<>(subscription.topics()));
        othersTopics = Map.of();
        JoinGroupRequest join = new JoinGroupRequest()
                .setGroupId(group)
                .setSessionTimeoutMs((int) sessionTimeout.toMillis())
                .setRebalanceTimeoutMs((int) rebalanceTimeout.toMillis())
                .setMemberId(memberId)
                .setProtocolType(ConsumerProtocol.PROTOCOL_TYPE)
                .setProtocols(List.of(new JoinGroupRequest.JoinGroupRequestProtocol()
                        .setName(strategy.name())
                        .setMetadata(ConsumerProtocol.subscription(joinedTopics.keySet()))));
        if (connection.version(ApiKey.JOIN_GROUP) >= 5) {
            join.setGroupInstanceId(groupInstanceId);
        }
        JoinGroupResponse joined = await(connection.send(ApiKey.JOIN_GROUP, join, rebalanceTimeout.plusSeconds(5)), "Joining group '" + group + "'");
        ErrorCode joinError = ErrorCode.forCode(joined.errorCode());
        if (joinError != ErrorCode.NONE) {
            if (joinError == ErrorCode.MEMBER_ID_REQUIRED) {
                memberId = joined.memberId();
            }
            handleGroupError(joinError, "JoinGroup");
            return;
        }
        memberId = joined.memberId();
        generation = joined.generationId();
        boolean leader = joined.leader().equals(memberId);
        pendingSync = new PendingSync(generation, joined.protocolName(), leader, leader ? assign(joined.members()) : List.of());
    }

    private void sync() {
        BrokerConnection connection = coordinatorConnection();
        SyncGroupRequest sync = new SyncGroupRequest()
                .setGroupId(group)
                .setGenerationId(pendingSync.generation())
                .setMemberId(memberId)
                .setAssignments(pendingSync.assignments());
        short syncVersion = connection.version(ApiKey.SYNC_GROUP);
        if (syncVersion >= 3) {
            sync.setGroupInstanceId(groupInstanceId);
        }
        if (syncVersion >= 5) {
            sync.setProtocolType(ConsumerProtocol.PROTOCOL_TYPE).setProtocolName(pendingSync.protocolName());
        }
        SyncGroupResponse synced = await(connection.send(ApiKey.SYNC_GROUP, sync, rebalanceTimeout.plusSeconds(5)), "Syncing group '" + group + "'");
        ErrorCode syncError = ErrorCode.forCode(synced.errorCode());
        if (syncError != ErrorCode.NONE) {
            if (!COORDINATOR_ERRORS.contains(syncError)) {
                pendingSync = null;
            }
            handleGroupError(syncError, "SyncGroup");
            return;
        }
        boolean leader = pendingSync.leader();
        pendingSync = null;
        Set<TopicPartition> assigned = ConsumerProtocol.assignedPartitions(synced.assignment());
        mustJoin = false;
        owned = assigned;
        log.info("Group '{}' generation {}: member {}{} owns partitions {}", group, generation, memberId,
                leader ? " (leader)" : "", assigned);
        context.counters().rebalanced();
        listener.assign(assigned);
        firstAssignment.countDown();
    }

    /** The leader's plan: every member's share of the topics it subscribed to, by the group's strategy. */
    private List<SyncGroupRequest.SyncGroupRequestAssignment> assign(List<JoinGroupResponse.JoinGroupResponseMember> members) {
        Map<String, List<String>> subscriptions = new TreeMap<>();
        for (JoinGroupResponse.JoinGroupResponseMember member : members) {
            subscriptions.put(member.memberId(), ConsumerProtocol.subscribedTopics(member.metadata()));
        }
        Map<String, List<TopicPartition>> plan = strategy.assign(subscriptions, partitionCounts(subscriptions));
        List<SyncGroupRequest.SyncGroupRequestAssignment> assignments = new ArrayList<>();
        for (JoinGroupResponse.JoinGroupResponseMember member : members) {
            assignments.add(new SyncGroupRequest.SyncGroupRequestAssignment()
                    .setMemberId(member.memberId())
                    .setAssignment(ConsumerProtocol.assignment(plan.getOrDefault(member.memberId(), List.of()))));
        }
        return assignments;
    }

    /**
     * The partition count of every topic some member subscribed to: this member's own topics as it joined with them,
     * the others' from the cluster's metadata. A topic the cluster does not know gets no partitions; it is
     * remembered with none dealt, so that the leader rejoins once it is created (the metadata refresh keeps asking
     * for it), as other members may not notice: a kafka-clients follower leaves that to the leader.
     */
    private Map<String, Integer> partitionCounts(Map<String, List<String>> subscriptions) {
        Set<String> others = new TreeSet<>();
        subscriptions.values().forEach(others::addAll);
        others.removeAll(joinedTopics.keySet());
        Map<String, Integer> othersCounts = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>(joinedTopics);
        for (String topic : others) {
            try {
                int count = Futures.await(context.metadata().topic(topic), context.apiTimeout(),
                        "Reading the metadata of topic '" + topic + "' for group '" + group + "'").partitions().size();
                othersCounts.put(topic, count);
                counts.put(topic, count);
            } catch (UnknownTopicException e) {
                log.warn("Group '{}': a member subscribed to topic '{}', which does not exist; it gets no partitions"
                        + " of it until the topic is created and the group rebalances", group, topic);
                othersCounts.put(topic, 0);
            }
        }
        othersTopics = othersCounts;
        return counts;
    }

    private void heartbeat() {
        BrokerConnection connection = coordinatorConnection();
        HeartbeatRequest request = new HeartbeatRequest().setGroupId(group).setGenerationId(generation).setMemberId(memberId);
        if (connection.version(ApiKey.HEARTBEAT) >= 3) {
            request.setGroupInstanceId(groupInstanceId);
        }
        HeartbeatResponse response = await(connection.send(ApiKey.HEARTBEAT, request), "Heartbeat to group '" + group + "'");
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (error != ErrorCode.NONE) {
            handleGroupError(error, "Heartbeat");
        }
    }

    private void handleGroupError(ErrorCode error, String request) {
        switch (error) {
            case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, MEMBER_ID_REQUIRED -> mustJoin = true;
            case UNKNOWN_MEMBER_ID -> {
                memberId = "";
                mustJoin = true;
            }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> {
                String moved = coordinator.lastFound();
                if (!moved.equals(lastMovedFrom)) {
                    lastMovedFrom = moved;
                    log.info("Group '{}': {} answered {} to {}; finding the coordinator again and carrying on there"
                            + " as member {} of generation {}", group, moved, error.name(), request, memberId, generation);
                }
                coordinator.forget();
                throw new BrokerErrorException(request + " for group '" + group + "'", error.name(), true);
            }
            case COORDINATOR_LOAD_IN_PROGRESS ->
                    throw new BrokerErrorException(request + " for group '" + group + "'", error.name(), true);
            case INCONSISTENT_GROUP_PROTOCOL -> fatal = new InvalidConfigException("consumer group '" + group + "'",
                    "assignor '" + strategy.name() + "'", "the protocol and assignor the group's other members use;"
                    + " they joined with a different one");
            case INVALID_SESSION_TIMEOUT -> fatal = new InvalidConfigException("sessionTimeout", sessionTimeout,
                    "a session timeout the group coordinator accepts: between the brokers' group.min.session.timeout.ms"
                    + " and group.max.session.timeout.ms (6 s and 30 min by default); it refused the join of group '"
                    + group + "'");
            case GROUP_AUTHORIZATION_FAILED -> fatal = new AuthorizationException("join", "consumer group '" + group + "'");
            case FENCED_INSTANCE_ID -> fatal = new InvalidConfigException("groupInstanceId", groupInstanceId,
                    "an id no other live member of group '" + group + "' uses");
            default -> throw new BrokerErrorException(request + " for group '" + group + "'", error.name(), true);
        }
    }

    /** Leaves the group (once) while the application does not consume, so its partitions go to members that do. */
    private void stepAsideWhileStalled() {
        if (!memberId.isEmpty()) {
            log.warn("Member {} of group '{}' has not been asked for a message within maxPollInterval; leaving the"
                    + " group so its partitions move, and rejoining at the next consume()", memberId, group);
            revokeAll();
            leave();
            memberId = "";
            generation = -1;
            mustJoin = true;
            pendingSync = null;
        }
        pause(heartbeatInterval);
    }

    /** Gives up every partition (committing them through the listener) before the member rejoins or leaves. */
    private void revokeAll() {
        if (!owned.isEmpty()) {
            Set<TopicPartition> revoked = new HashSet<>(owned);
            owned = Set.of();
            listener.revoke(revoked);
        }
    }

    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(sessionTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        revokeAll();
        leave();
        coordinator.close();
    }

    /** Stops heartbeating without leaving or revoking, as a crashed member would: for failure tests. */
    void abandon() {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void leave() {
        if (memberId.isEmpty()) {
            return;
        }
        try {
            BrokerConnection connection = coordinatorConnection();
            LeaveGroupRequest request = new LeaveGroupRequest().setGroupId(group);
            if (connection.version(ApiKey.LEAVE_GROUP) >= 3) {
                request.setMembers(List.of(new LeaveGroupRequest.MemberIdentity().setMemberId(memberId)
                        .setGroupInstanceId(groupInstanceId)));
            } else {
                request.setMemberId(memberId);
            }
            LeaveGroupResponse response = await(connection.send(ApiKey.LEAVE_GROUP, request), "Leaving group '" + group + "'");
            short error = response.errorCode();
            for (LeaveGroupResponse.MemberResponse member : response.members()) {
                if (member.errorCode() != ErrorCode.NONE.code()) {
                    error = member.errorCode();
                }
            }
            if (error == ErrorCode.NONE.code()) {
                log.info("Member {} left group '{}'", memberId, group);
            } else if (error == ErrorCode.UNKNOWN_MEMBER_ID.code()) {
                log.info("Member {} had left group '{}' already: the coordinator no longer knew it", memberId, group);
            } else {
                log.warn("Leaving group '{}' was refused ({}); the coordinator will expire member {} after the session"
                        + " timeout", group, ErrorCode.describe(error), memberId);
            }
        } catch (KafkaException e) {
            log.warn("Leaving group '{}' failed; the coordinator will expire member {} after the session timeout: {}",
                    group, memberId, e.getMessage());
        }
    }

    private BrokerConnection coordinatorConnection() {
        return Futures.await(coordinator.connection(), context.apiTimeout(), "Finding the coordinator of group '" + group + "'");
    }

    /** The response (group responses hold no buffers, so it is released at once and read afterwards). */
    private <T extends dev.gregor.internal.protocol.ProtocolMessage> T await(java.util.concurrent.CompletableFuture<T> future, String operation) {
        T response = Futures.await(future, rebalanceTimeout.plusSeconds(10), operation);
        response.release();
        return response;
    }

    private void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            synchronized (wakeup) {
                if (!subscriptionChanged) {
                    wakeup.wait(duration.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = stopping || Thread.currentThread().isInterrupted();
        }
    }
}

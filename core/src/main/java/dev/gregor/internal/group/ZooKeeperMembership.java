package dev.gregor.internal.group;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.gregor.TopicPartition;
import dev.gregor.balance.AssignmentStrategy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEventType;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group membership coordinated through ZooKeeper, in PyKafka's layout with owner nodes keyed by topic and
 * partition id.
 *
 * <p>Every member registers under the group's ids node with the topics it reads (rewriting that node's data when its
 * subscription changes) and watches the ids node and every member node's data. On any change, or when its own
 * subscription changes, each member computes, topic by topic, how the members whose nodes list that topic share its
 * partitions (sorted member ids, the topic's current partition count: PyKafka's way, which needs no member to know the
 * partition counts of topics it does not read), gives up (revoke, then delete the owner node) what it should no longer
 * read, and claims the owner nodes of what it should now read, waiting while the previous owner still holds them.
 * The listener hears of a partition only once this member's session holds its owner node. A partition released on
 * purpose (a rebalance, a close, a topic left) is claimed at once; one whose holder's session ended under it is
 * claimed by another member only after a grace (see {@link OwnerNodes}), because ZooKeeper deletes an expired
 * session's nodes before that session's member can know.
 *
 * <p>The moment this member's ZooKeeper connection drops (ZooKeeper's own disconnect event or Curator's
 * suspended state, whichever comes first; a partitioned client drops it itself after two thirds of the session
 * timeout without a word from the server) the listener is told, on that thread, to
 * {@link AssignmentListener#suspend() stop reading}; the revocation, with its commit, follows on the worker. Once
 * connected again the member registers again, rebalances, and hears of a partition again only after checking that
 * its session still holds (or holds anew) the owner node.
 *
 * <p>This is no fencing: ZooKeeper-balanced members commit their offsets to Kafka without a generation, so Kafka
 * accepts a commit from any member. A member that is paused (a long GC, a stopped process) for longer than the grace
 * while still believing it owns a partition, or whose commit takes longer than the grace to reach Kafka, can still
 * overlap with the next owner.
 *
 * <p>All work (rebalances, revocations after session trouble, leaving) runs one task at a time on one thread; bursts
 * of watch events collapse into one rebalance.
 */
public final class ZooKeeperMembership implements GroupMembership {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperMembership.class);

    private final String zookeeperConnect;
    private final ZooKeeperGroupPaths paths;
    private final GroupSubscription subscription;
    private final String memberId;
    private final AssignmentStrategy strategy;
    private final Duration sessionTimeout;
    private final Duration connectionTimeout;
    private final int rebalanceMaxRetries;
    private final Duration rebalanceBackoff;
    private final ScheduledExecutorService worker;

    private final AtomicBoolean reconcilePending = new AtomicBoolean();
    private final AtomicBoolean sessionDisturbed = new AtomicBoolean();
    private final Object wakeup = new Object();
    private final CuratorWatcher groupChanged = event -> {
        if (event.getType() != Watcher.Event.EventType.None) {
            requestReconcile();
        }
    };
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile CuratorFramework curator;
    private volatile SessionNodes nodes;
    private volatile OwnerNodes owners;
    private volatile AssignmentListener listener;
    private final Runnable rebalanced;

    /** Partitions the listener was told this member owns; touched only on the worker thread. */
    private final Set<TopicPartition> assigned = new TreeSet<>();
    /** Partitions whose owner node this member may hold (a superset of {@link #assigned}); worker thread only. */
    private final Set<TopicPartition> held = new TreeSet<>();

    /**
     * A member that joins on {@link #start}.
     *
     * @param zookeeperConnect    {@code host:port[,host:port...][/chroot]}; a missing chroot is created
     * @param group               the consumer group
     * @param subscription        the topics this member reads with their partition counts, asked on every rebalance
     * @param memberId            this member's id, unique in the group
     * @param strategy            how partitions are dealt to the sorted members
     * @param sessionTimeout      the ZooKeeper session timeout: how long a silent member keeps its partitions
     * @param connectionTimeout   how long to wait for a connection (keep it well below the session timeout)
     * @param rebalanceMaxRetries how many more times to try claiming a partition its previous owner still holds
     * @param rebalanceBackoff    the wait between those tries
     * @param rebalanced          told of each rebalance this member completes (its share claimed)
     */
    public ZooKeeperMembership(String zookeeperConnect, String group, GroupSubscription subscription,
                               String memberId, AssignmentStrategy strategy, Duration sessionTimeout,
                               Duration connectionTimeout, int rebalanceMaxRetries, Duration rebalanceBackoff,
                               Runnable rebalanced) {
        this.zookeeperConnect = Objects.requireNonNull(zookeeperConnect, "zookeeperConnect");
        this.paths = new ZooKeeperGroupPaths(Objects.requireNonNull(group, "group"));
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.memberId = Objects.requireNonNull(memberId, "memberId");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        this.rebalanceMaxRetries = rebalanceMaxRetries;
        this.rebalanceBackoff = Objects.requireNonNull(rebalanceBackoff, "rebalanceBackoff");
        this.rebalanced = Objects.requireNonNull(rebalanced, "rebalanced");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gregor-zookeeper-membership-" + group + "-" + memberId);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = executor;
    }

    /**
     * Connects to ZooKeeper and joins the group; assignments follow asynchronously.
     *
     * @throws dev.gregor.ZooKeeperUnavailableException if no session is established within the connection timeout
     */
    @Override
    public synchronized void start(AssignmentListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("Member " + memberId + " of group " + paths.group() + " has started already");
        }
        if (closing) {
            throw new IllegalStateException("Member " + memberId + " of group " + paths.group() + " is closed");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        CuratorFramework client = CuratorClients.create(zookeeperConnect, sessionTimeout, connectionTimeout);
        this.nodes = new SessionNodes(client);
        this.owners = new OwnerNodes(client, paths, memberId);
        this.curator = client;
        client.getCuratorListenable().addListener((source, event) -> {
            if (event.getType() == CuratorEventType.WATCHED && event.getWatchedEvent().getType() == EventType.None) {
                KeeperState state = event.getWatchedEvent().getState();
                if (state == KeeperState.Disconnected || state == KeeperState.Expired) {
                    onDisconnected(state);
                }
            }
        });
        client.getConnectionStateListenable().addListener((source, state) -> onConnectionState(state));
        try {
            CuratorClients.connect(client, zookeeperConnect, connectionTimeout);
        } catch (RuntimeException e) {
            this.curator = null;
            throw e;
        }
        log.info("Member {} joins group {} for topics {} through ZooKeeper at {}", memberId, paths.group(),
                subscription.topics().keySet(), zookeeperConnect);
        subscription.onChange(this::requestReconcile);
        requestReconcile();
    }

    /** Offsets go to Kafka outside any Kafka-coordinated generation. */
    @Override
    public GroupOffsets.Membership commitIdentity() {
        return GroupOffsets.Membership.STANDALONE;
    }

    @Override
    public String memberId() {
        return memberId;
    }

    /** Revokes everything, deletes this member's owner and id nodes, and closes the ZooKeeper session. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        wake();
        if (curator != null) {
            awaitLeaving();
            curator.close();
        }
        worker.shutdownNow();
    }

    /** The current ZooKeeper session's id. */
    long sessionId() throws Exception {
        return nodes.sessionId();
    }

    private void awaitLeaving() {
        Future<?> leaving = worker.submit(this::leave);
        try {
            leaving.get(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Member {} of group {} did not leave within {} ms; closing its ZooKeeper session anyway", memberId,
                    paths.group(), sessionTimeout.toMillis());
        } catch (ExecutionException e) {
            log.warn("Member {} of group {} failed while leaving; closing its ZooKeeper session anyway", memberId,
                    paths.group(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The connection dropped or the session ended, as told by ZooKeeper's event thread or, a moment apart, by
     * Curator's state thread (whichever comes first). Another member may own this member's partitions from now on,
     * so the listener stops reading right here, without waiting for the worker; the worker then revokes them.
     */
    private void onDisconnected(Object state) {
        if (closing) {
            return;
        }
        connected = false;
        sessionDisturbed.set(true);
        log.warn("Member {} of group {}: ZooKeeper connection {}; stopped reading until the session is back", memberId,
                paths.group(), state);
        try {
            listener.suspend();
        } catch (RuntimeException e) {
            log.error("Member {} of group {}: the listener failed to stop reading", memberId, paths.group(), e);
        }
        requestReconcile();
    }

    private void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
            onDisconnected(state);
        } else if (state.isConnected()) {
            connected = true;
            requestReconcile();
        }
    }

    private void requestReconcile() {
        if (reconcilePending.compareAndSet(false, true)) {
            try {
                worker.execute(this::reconcile);
            } catch (RejectedExecutionException e) {
                // Closed: nothing left to reconcile.
            }
        }
        wake();
    }

    private void reconcile() {
        reconcilePending.set(false);
        if (closing) {
            return;
        }
        if (sessionDisturbed.getAndSet(false)) {
            revokeAll();
        }
        if (!connected) {
            return;
        }
        try {
            rebalance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Member {} of group {} could not rebalance; trying again in {} ms", memberId, paths.group(),
                    rebalanceBackoff.toMillis(), e);
            retryLater();
        }
    }

    private void retryLater() {
        try {
            worker.schedule(this::requestReconcile, rebalanceBackoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private void rebalance() throws Exception {
        SortedMap<String, Integer> topics = subscription.topics();
        byte[] registration = MemberSubscription.encode(topics.keySet(), System.currentTimeMillis());
        String ownNode = paths.member(memberId);
        if (!nodes.claim(ownNode, registration)) {
            throw new IllegalStateException("Member id " + memberId + " of group " + paths.group()
                    + " is registered by another ZooKeeper session (an expiring session of ours, or a duplicate id)");
        }
        Map<String, Set<String>> subscriptions = memberSubscriptions();
        if (!topics.keySet().equals(subscriptions.get(memberId))) {
            // The subscription changed since the node was written: the others hear of it through their data watches.
            nodes.update(ownNode, registration);
            subscriptions.put(memberId, topics.keySet());
        }
        Set<TopicPartition> target = target(topics, subscriptions);
        release(difference(held, target));
        Set<TopicPartition> gained = claim(difference(target, assigned));
        if (sessionDisturbed.get() || closing) {
            return;
        }
        if (!gained.isEmpty()) {
            assigned.addAll(gained);
            tell(() -> listener.assign(Collections.unmodifiableSet(gained)), "assign", gained);
        }
        rebalanced.run();
        log.info("Member {} of group {} rebalanced: owns {}", memberId, paths.group(), assigned);
    }

    /** What this member should own: of each topic it reads, its share among the members whose nodes list that topic. */
    private Set<TopicPartition> target(SortedMap<String, Integer> topics, Map<String, Set<String>> subscriptions) {
        Set<TopicPartition> target = new TreeSet<>();
        topics.forEach((topic, partitionCount) -> {
            List<String> readers = subscriptions.entrySet().stream()
                    .filter(member -> member.getValue().contains(topic)).map(Map.Entry::getKey).toList();
            List<Integer> partitions = IntStream.range(0, partitionCount).boxed().toList();
            strategy.assign(readers, partitions).getOrDefault(memberId, List.of())
                    .forEach(partition -> target.add(TopicPartition.of(topic, partition)));
        });
        return target;
    }

    /** Every registered member (sorted) to the topics its node lists, watching the ids and every member node. */
    private Map<String, Set<String>> memberSubscriptions() throws Exception {
        Map<String, Set<String>> subscriptions = new TreeMap<>();
        for (String id : curator.getChildren().usingWatcher(groupChanged).forPath(paths.members())) {
            try {
                subscriptions.put(id, MemberSubscription.topics(
                        curator.getData().usingWatcher(groupChanged).forPath(paths.member(id))));
            } catch (KeeperException.NoNodeException e) {
                // Left meanwhile; the watch brings another rebalance.
            }
        }
        return subscriptions;
    }

    /** Revokes what of {@code lost} the listener was told about, then deletes the owner nodes. */
    private void release(Set<TopicPartition> lost) throws Exception {
        Set<TopicPartition> revoked = intersection(assigned, lost);
        if (!revoked.isEmpty()) {
            tell(() -> listener.revoke(Collections.unmodifiableSet(revoked)), "revoke", revoked);
            assigned.removeAll(revoked);
        }
        for (TopicPartition partition : lost) {
            owners.release(partition);
            held.remove(partition);
        }
    }

    /**
     * Claims the owner nodes of {@code wanted}, waiting for previous owners; the partitions this session now holds.
     * Orphans (see {@link OwnerNodes}) are left for a rebalance once their grace is over.
     */
    private Set<TopicPartition> claim(Set<TopicPartition> wanted) throws Exception {
        Set<TopicPartition> claimed = new TreeSet<>();
        Set<TopicPartition> waiting = new TreeSet<>(wanted);
        for (int attempt = 0; !waiting.isEmpty(); attempt++) {
            for (TopicPartition partition : List.copyOf(waiting)) {
                OwnerNodes.Outcome outcome = owners.claim(partition);
                if (outcome == OwnerNodes.Outcome.CLAIMED) {
                    held.add(partition);
                    claimed.add(partition);
                } else if (outcome == OwnerNodes.Outcome.ORPHANED) {
                    claimAfterGrace(partition);
                }
                if (outcome != OwnerNodes.Outcome.HELD_ELSEWHERE) {
                    waiting.remove(partition);
                }
            }
            if (waiting.isEmpty() || attempt >= rebalanceMaxRetries || !awaitBackoff()) {
                break;
            }
        }
        if (!waiting.isEmpty() && !startOver()) {
            log.warn("Member {} of group {}: partitions {} are still owned by other members after {} retries;"
                    + " claiming them once released", memberId, paths.group(), waiting, rebalanceMaxRetries);
            for (TopicPartition partition : waiting) {
                nodes.whenReleased(paths.owner(partition), this::requestReconcile);
            }
        }
        return claimed;
    }

    private void claimAfterGrace(TopicPartition partition) {
        long graceMs = owners.graceLeft(partition).toMillis();
        log.info("Member {} of group {}: partition {} was not released (its holder's ZooKeeper session ended);"
                + " claiming it in {} ms, once that member must have stopped", memberId, paths.group(), partition,
                graceMs);
        try {
            worker.schedule(this::requestReconcile, graceMs + 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    /** Waits one backoff; false when newer events (or closing) make the current rebalance stale. */
    private boolean awaitBackoff() throws InterruptedException {
        long deadline = System.nanoTime() + rebalanceBackoff.toNanos();
        synchronized (wakeup) {
            while (!startOver()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                TimeUnit.NANOSECONDS.timedWait(wakeup, left);
            }
        }
        return false;
    }

    private boolean startOver() {
        return reconcilePending.get() || closing || sessionDisturbed.get();
    }

    private void wake() {
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    /** After session trouble: the owner nodes may be gone, so the consumer stops reading everything at once. */
    private void revokeAll() {
        if (!assigned.isEmpty()) {
            Set<TopicPartition> revoked = Collections.unmodifiableSet(new TreeSet<>(assigned));
            assigned.clear();
            tell(() -> listener.revoke(revoked), "revoke", revoked);
            log.info("Member {} of group {} revoked all its partitions {}", memberId, paths.group(), revoked);
        }
    }

    private void leave() {
        revokeAll();
        try {
            if (connected) {
                release(Set.copyOf(held));
                nodes.release(paths.member(memberId));
            }
        } catch (Exception e) {
            log.warn("Member {} of group {} could not delete its nodes; closing its session releases them", memberId,
                    paths.group(), e);
        }
        log.info("Member {} left group {}", memberId, paths.group());
    }

    /** Calls the listener; a failing listener is logged, and the membership carries on as if it had returned. */
    private void tell(Runnable call, String what, Set<TopicPartition> partitions) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("Member {} of group {}: the listener failed to {} partitions {}", memberId, paths.group(), what,
                    partitions, e);
        }
    }

    private static Set<TopicPartition> difference(Set<TopicPartition> from, Set<TopicPartition> remove) {
        Set<TopicPartition> result = new TreeSet<>(from);
        result.removeAll(remove);
        return result;
    }

    private static Set<TopicPartition> intersection(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> result = new TreeSet<>(a);
        result.retainAll(b);
        return result;
    }
}

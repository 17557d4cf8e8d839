package dev.gregor.internal.group;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

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
 * Group membership coordinated through ZooKeeper, in PyKafka's layout with owner nodes keyed by partition id.
 *
 * <p>Every member registers under the group's ids node and watches it. On any change each member computes the whole
 * group's assignment from the sorted ids of the members reading the topic, gives up (revoke, then delete the owner
 * node) what it should no longer read, and claims the owner nodes of what it should now read, waiting while the
 * previous owner still holds them. The listener hears of a partition only once this member's session holds its
 * owner node. A partition released on purpose (a rebalance, a close) is claimed at once; one whose holder's session
 * ended under it is claimed by another member only after a grace (see {@link OwnerNodes}), because ZooKeeper deletes
 * an expired session's nodes before that session's member can know.
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
    private final IntSupplier partitionCount;
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

    /** Partitions the listener was told this member owns; touched only on the worker thread. */
    private final Set<Integer> assigned = new TreeSet<>();
    /** Partitions whose owner node this member may hold (a superset of {@link #assigned}); worker thread only. */
    private final Set<Integer> held = new TreeSet<>();

    /**
     * A member that joins on {@link #start}.
     *
     * @param zookeeperConnect    {@code host:port[,host:port...][/chroot]}; a missing chroot is created
     * @param group               the consumer group
     * @param topic               the topic whose partitions the group shares
     * @param partitionCount      the topic's current partition count, asked on every rebalance
     * @param memberId            this member's id, unique in the group
     * @param strategy            how partitions are dealt to the sorted members
     * @param sessionTimeout      the ZooKeeper session timeout: how long a silent member keeps its partitions
     * @param connectionTimeout   how long to wait for a connection (keep it well below the session timeout)
     * @param rebalanceMaxRetries how many more times to try claiming a partition its previous owner still holds
     * @param rebalanceBackoff    the wait between those tries
     */
    public ZooKeeperMembership(String zookeeperConnect, String group, String topic, IntSupplier partitionCount,
                               String memberId, AssignmentStrategy strategy, Duration sessionTimeout,
                               Duration connectionTimeout, int rebalanceMaxRetries, Duration rebalanceBackoff) {
        this.zookeeperConnect = Objects.requireNonNull(zookeeperConnect, "zookeeperConnect");
        this.paths = new ZooKeeperGroupPaths(Objects.requireNonNull(group, "group"), Objects.requireNonNull(topic, "topic"));
        this.partitionCount = Objects.requireNonNull(partitionCount, "partitionCount");
        this.memberId = Objects.requireNonNull(memberId, "memberId");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        this.connectionTimeout = Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        this.rebalanceMaxRetries = rebalanceMaxRetries;
        this.rebalanceBackoff = Objects.requireNonNull(rebalanceBackoff, "rebalanceBackoff");
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
        log.info("Member {} joins group {} for topic {} through ZooKeeper at {}", memberId, paths.group(),
                paths.topic(), zookeeperConnect);
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
        byte[] registration = MemberSubscription.encode(paths.topic(), System.currentTimeMillis());
        if (!nodes.claim(paths.member(memberId), registration)) {
            throw new IllegalStateException("Member id " + memberId + " of group " + paths.group()
                    + " is registered by another ZooKeeper session (an expiring session of ours, or a duplicate id)");
        }
        List<Integer> partitions = IntStream.range(0, partitionCount.getAsInt()).boxed().toList();
        Set<Integer> target = new TreeSet<>(
                strategy.assign(subscribedMembers(), partitions).getOrDefault(memberId, List.of()));
        release(difference(held, target));
        Set<Integer> gained = claim(difference(target, assigned));
        if (sessionDisturbed.get() || closing) {
            return;
        }
        if (!gained.isEmpty()) {
            assigned.addAll(gained);
            tell(() -> listener.assign(Collections.unmodifiableSet(gained)), "assign", gained);
        }
        log.info("Member {} of group {} rebalanced: owns {} of topic {}", memberId, paths.group(), assigned,
                paths.topic());
    }

    private List<String> subscribedMembers() throws Exception {
        List<String> subscribed = new ArrayList<>();
        for (String id : curator.getChildren().usingWatcher(groupChanged).forPath(paths.members())) {
            try {
                if (MemberSubscription.subscribes(curator.getData().forPath(paths.member(id)), paths.topic())) {
                    subscribed.add(id);
                }
            } catch (KeeperException.NoNodeException e) {
                // Left meanwhile; the watch brings another rebalance.
            }
        }
        Collections.sort(subscribed);
        return subscribed;
    }

    /** Revokes what of {@code lost} the listener was told about, then deletes the owner nodes. */
    private void release(Set<Integer> lost) throws Exception {
        Set<Integer> revoked = intersection(assigned, lost);
        if (!revoked.isEmpty()) {
            tell(() -> listener.revoke(Collections.unmodifiableSet(revoked)), "revoke", revoked);
            assigned.removeAll(revoked);
        }
        for (int partition : lost) {
            owners.release(partition);
            held.remove(partition);
        }
    }

    /**
     * Claims the owner nodes of {@code wanted}, waiting for previous owners; the partitions this session now holds.
     * Orphans (see {@link OwnerNodes}) are left for a rebalance once their grace is over.
     */
    private Set<Integer> claim(Set<Integer> wanted) throws Exception {
        Set<Integer> claimed = new TreeSet<>();
        Set<Integer> waiting = new TreeSet<>(wanted);
        for (int attempt = 0; !waiting.isEmpty(); attempt++) {
            for (int partition : List.copyOf(waiting)) {
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
            log.warn("Member {} of group {}: partitions {} of topic {} are still owned by other members after {}"
                            + " retries; claiming them once released", memberId, paths.group(), waiting, paths.topic(),
                    rebalanceMaxRetries);
            for (int partition : waiting) {
                nodes.whenReleased(paths.owner(partition), this::requestReconcile);
            }
        }
        return claimed;
    }

    private void claimAfterGrace(int partition) {
        long graceMs = owners.graceLeft(partition).toMillis();
        log.info("Member {} of group {}: partition {} of topic {} was not released (its holder's ZooKeeper session"
                + " ended); claiming it in {} ms, once that member must have stopped", memberId, paths.group(),
                partition, paths.topic(), graceMs);
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
            Set<Integer> revoked = Collections.unmodifiableSet(new TreeSet<>(assigned));
            assigned.clear();
            tell(() -> listener.revoke(revoked), "revoke", revoked);
            log.info("Member {} of group {} revoked all its partitions {} of topic {}", memberId, paths.group(),
                    revoked, paths.topic());
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
    private void tell(Runnable call, String what, Set<Integer> partitions) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("Member {} of group {}: the listener failed to {} partitions {} of topic {}", memberId,
                    paths.group(), what, partitions, paths.topic(), e);
        }
    }

    private static Set<Integer> difference(Set<Integer> from, Set<Integer> remove) {
        Set<Integer> result = new TreeSet<>(from);
        result.removeAll(remove);
        return result;
    }

    private static Set<Integer> intersection(Set<Integer> a, Set<Integer> b) {
        Set<Integer> result = new TreeSet<>(a);
        result.retainAll(b);
        return result;
    }
}

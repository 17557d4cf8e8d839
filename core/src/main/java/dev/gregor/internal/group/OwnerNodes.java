package dev.gregor.internal.group;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.gregor.TopicPartition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The owner nodes of one member's topic-partitions, each paired with a persistent handover node that names the session
 * holding it and is emptied, in the same transaction, when that session deletes the owner node. A partition whose
 * owner node is gone while its handover node still names a session was not released: that session ended under it
 * (expired, or closed without leaving), and its member may not have noticed yet. Such an orphan is claimed only after
 * a grace of two thirds of that session's timeout: a ZooKeeper client that hears nothing from the server for that
 * long drops the connection, and a member stops reading the moment its connection drops. The member whose own
 * earlier session it was takes it back at once: it revoked everything, commits included, before it claims anything
 * with its new session. Touched by one thread.
 */
final class OwnerNodes {

    /** What a claim found. */
    enum Outcome {
        /** This session holds the owner node. */
        CLAIMED,
        /** Another live session holds it. */
        HELD_ELSEWHERE,
        /** Its holder's session ended without releasing it, and the grace has not run out. */
        ORPHANED
    }

    private static final byte[] RELEASED = new byte[0];

    private final CuratorFramework curator;
    private final ZooKeeperGroupPaths paths;
    private final byte[] memberId;
    /** When each orphan was first seen, and whose it was. */
    private final Map<TopicPartition, Orphan> orphans = new HashMap<>();
    /** This member's sessions, the current one and those before. */
    private final Set<Long> ownSessions = new HashSet<>();

    OwnerNodes(CuratorFramework curator, ZooKeeperGroupPaths paths, String memberId) {
        this.curator = curator;
        this.paths = paths;
        this.memberId = memberId.getBytes(StandardCharsets.UTF_8);
    }

    /** Tries to take {@code partition}'s owner node for this session. */
    Outcome claim(TopicPartition partition) throws Exception {
        String owner = paths.owner(partition);
        String handover = paths.handover(partition);
        ownSessions.add(session());
        while (true) {
            Stat handoverStat = new Stat();
            Holder previous;
            try {
                previous = Holder.decode(curator.getData().storingStatIn(handoverStat).forPath(handover));
            } catch (KeeperException.NoNodeException e) {
                createParents(owner, handover);
                continue;
            }
            Stat held = curator.checkExists().forPath(owner);
            if (held != null) {
                orphans.remove(partition);
                return held.getEphemeralOwner() == session() ? Outcome.CLAIMED : Outcome.HELD_ELSEWHERE;
            }
            if (previous != null && !ownSessions.contains(previous.session())) {
                // Every claim and release rewrites the handover node: unchanged since it was read, it named the
                // holder while the owner node was missing, so that holder's session ended.
                Stat reread = curator.checkExists().forPath(handover);
                if (reread == null || reread.getVersion() != handoverStat.getVersion()) {
                    continue;
                }
                if (!graceOver(partition, previous)) {
                    return Outcome.ORPHANED;
                }
            }
            try {
                curator.transaction().forOperations(
                        curator.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(owner, memberId),
                        curator.transactionOp().setData().withVersion(handoverStat.getVersion())
                                .forPath(handover, new Holder(session(), sessionTimeoutMs()).encode()));
                orphans.remove(partition);
                return Outcome.CLAIMED;
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
                // Another member claimed it between our reads and our transaction: look again.
            } catch (KeeperException.NoNodeException e) {
                createParents(owner, handover);
            }
        }
    }

    /** How long until the orphan {@code partition} may be claimed; zero if it is no (longer an) orphan. */
    Duration graceLeft(TopicPartition partition) {
        Orphan orphan = orphans.get(partition);
        if (orphan == null) {
            return Duration.ZERO;
        }
        long left = orphan.claimableAtNanos() - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Deletes the owner node if this session holds it, marking the partition released in the same transaction. */
    void release(TopicPartition partition) throws Exception {
        String owner = paths.owner(partition);
        Stat held = curator.checkExists().forPath(owner);
        if (held == null || held.getEphemeralOwner() != session()) {
            return;
        }
        try {
            curator.transaction().forOperations(
                    curator.transactionOp().delete().withVersion(held.getVersion()).forPath(owner),
                    curator.transactionOp().setData().forPath(paths.handover(partition), RELEASED));
        } catch (KeeperException.NoNodeException e) {
            // Our session ended meanwhile, which deleted the owner node too (the handover node still names us).
        }
    }

    private boolean graceOver(TopicPartition partition, Holder previous) {
        Orphan orphan = orphans.get(partition);
        if (orphan == null || orphan.session() != previous.session()) {
            long grace = previous.sessionTimeoutMs() * 2 / 3;
            orphan = new Orphan(previous.session(), System.nanoTime() + Duration.ofMillis(grace).toNanos());
            orphans.put(partition, orphan);
        }
        return orphan.claimableAtNanos() - System.nanoTime() <= 0;
    }

    private void createParents(String owner, String handover) throws Exception {
        for (String path : new String[] {owner.substring(0, owner.lastIndexOf('/')), handover}) {
            try {
                curator.create().creatingParentsIfNeeded().forPath(path, RELEASED);
            } catch (KeeperException.NodeExistsException e) {
                // Someone else created it first.
            }
        }
    }

    private long session() throws Exception {
        return curator.getZookeeperClient().getZooKeeper().getSessionId();
    }

    private int sessionTimeoutMs() throws Exception {
        return curator.getZookeeperClient().getZooKeeper().getSessionTimeout();
    }

    /** The session named by a handover node, with its negotiated timeout; null for a released partition. */
    private record Holder(long session, long sessionTimeoutMs) {

        byte[] encode() {
            return (Long.toHexString(session) + " " + sessionTimeoutMs).getBytes(StandardCharsets.UTF_8);
        }

        static Holder decode(byte[] data) {
            if (data == null || data.length == 0) {
                return null;
            }
            String[] fields = new String(data, StandardCharsets.UTF_8).split(" ");
            return new Holder(Long.parseUnsignedLong(fields[0], 16), Long.parseLong(fields[1]));
        }
    }

    private record Orphan(long session, long claimableAtNanos) {
    }
}

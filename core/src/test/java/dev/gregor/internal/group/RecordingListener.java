package dev.gregor.internal.group;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.TopicPartition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * A member's listener for tests: keeps the member's current partitions, reports to the group's
 * {@link OwnershipLedger}, and (for a ZooKeeper member) on every revoke looks into ZooKeeper to see whether the member's owner node is still
 * there (revocation must come before the node is deleted). A member can be "killed": its holdings stop counting and
 * its worker hangs in the next revoke until {@link #revive()}, as a stuck process would. A member can be given slow
 * commits: each revoke then takes that long after it stopped reading, as a consumer's commit to Kafka would.
 */
final class RecordingListener implements AssignmentListener {

    private final String member;
    private final OwnershipLedger ledger;
    private final CuratorFramework observer;
    private final ZooKeeperGroupPaths paths;
    private final Set<TopicPartition> owned = new TreeSet<>();
    private final List<String> revokedWithoutOwnerNode = new ArrayList<>();
    private int revokesChecked;
    private volatile CountDownLatch revival;
    private volatile Duration commitTime = Duration.ZERO;

    RecordingListener(String member, OwnershipLedger ledger, CuratorFramework observer, ZooKeeperGroupPaths paths) {
        this.member = member;
        this.ledger = ledger;
        this.observer = observer;
        this.paths = paths;
    }

    /** The listener of a member coordinated by Kafka, which has no owner nodes to look at. */
    RecordingListener(String member, OwnershipLedger ledger) {
        this(member, ledger, null, null);
    }

    @Override
    public void assign(Set<TopicPartition> partitions) {
        ledger.assign(member, partitions);
        synchronized (this) {
            owned.addAll(partitions);
        }
    }

    @Override
    public void suspend() {
        ledger.stopReading(member, owned());
    }

    @Override
    public void revoke(Set<TopicPartition> partitions) {
        CountDownLatch hung = revival;
        if (hung == null && observer != null) {
            checkOwnerNodesExist(partitions);
        }
        ledger.stopReading(member, partitions);
        commit();
        ledger.revoke(member, partitions);
        synchronized (this) {
            owned.removeAll(partitions);
        }
        if (hung != null) {
            awaitQuietly(hung);
            revival = null;
        }
    }

    /** The member dies as far as the group is concerned; its worker hangs in its next revoke. */
    void kill() {
        revival = new CountDownLatch(1);
        ledger.forget(member);
    }

    /** From now on every revoke takes {@code time} to commit, after the member stopped reading. */
    void slowCommits(Duration time) {
        commitTime = time;
    }

    /** Lets a killed member's worker go on. */
    void revive() {
        revival.countDown();
    }

    synchronized Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    /** Revoked partitions whose owner node (naming this member) was already gone when revoke was called. */
    synchronized List<String> revokedWithoutOwnerNode() {
        return List.copyOf(revokedWithoutOwnerNode);
    }

    /** How many revoked partitions had their owner node checked. */
    synchronized int revokesChecked() {
        return revokesChecked;
    }

    private void checkOwnerNodesExist(Set<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            String owner = ownerOf(paths.owner(partition));
            synchronized (this) {
                revokesChecked++;
                if (!member.equals(owner)) {
                    revokedWithoutOwnerNode.add(partition + " (owner node: " + owner + ")");
                }
            }
        }
    }

    private String ownerOf(String path) {
        try {
            return new String(observer.getData().forPath(path), StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private void commit() {
        try {
            // Stands for the commit's round trip to Kafka, which the membership must wait for before a handover.
            Thread.sleep(commitTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.gregor.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * Samples a ZooKeeper-balanced group's owner nodes ({@code /consumers/<group>/owners/<topic>/<partition>}) every
 * {@code intervalMs} with a ZooKeeper client of its own, keeping which member id held each partition when: the
 * outside view of who owned what, to cross-check against what the members said they owned.
 */
public final class OwnerNodesWatch implements AutoCloseable {

    /**
     * One partition's owner node seen at a moment.
     *
     * @param timeMs    when, epoch milliseconds
     * @param partition the partition
     * @param owner     the member id the node names, or null when no node existed
     */
    public record Sample(long timeMs, int partition, String owner) {
    }

    private final CuratorFramework curator;
    private final String ownersPath;
    private final int partitions;
    private final List<Sample> samples = new ArrayList<>();
    private PeriodicSampler sampler;

    private OwnerNodesWatch(String zookeeperConnect, String group, String topic, int partitions) {
        this.curator = CuratorFrameworkFactory.newClient(zookeeperConnect, 30_000, 5_000,
                new ExponentialBackoffRetry(100, 3));
        this.ownersPath = "/consumers/" + group + "/owners/" + topic;
        this.partitions = partitions;
    }

    /** Starts sampling the owner nodes of {@code group}'s {@code partitions} partitions of {@code topic}. */
    public static OwnerNodesWatch start(String zookeeperConnect, String group, String topic, int partitions,
                                        long intervalMs) {
        OwnerNodesWatch watch = new OwnerNodesWatch(zookeeperConnect, group, topic, partitions);
        watch.curator.start();
        watch.sampler = new PeriodicSampler("owner-nodes-watch-" + group, intervalMs, watch::sampleRound);
        return watch;
    }

    private void sampleRound() throws Exception {
        List<Sample> round = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            String owner = null;
            try {
                owner = new String(curator.getData().forPath(ownersPath + "/" + partition), StandardCharsets.UTF_8);
            } catch (KeeperException.NoNodeException free) {
                // nobody owns it at this moment
            }
            round.add(new Sample(System.currentTimeMillis(), partition, owner));
        }
        synchronized (this) {
            samples.addAll(round);
        }
    }

    /** The ZooKeeper session id owning the ephemeral node at {@code path}, or -1 when there is none. */
    public long sessionOf(String path) throws Exception {
        org.apache.zookeeper.data.Stat stat = curator.checkExists().forPath(path);
        return stat == null ? -1 : stat.getEphemeralOwner();
    }

    /** Every sample so far, by time. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** How many sampling rounds failed (ZooKeeper unreachable). */
    public long failedRounds() {
        return sampler.failedRounds();
    }

    @Override
    public void close() {
        sampler.close();
        curator.close();
    }
}

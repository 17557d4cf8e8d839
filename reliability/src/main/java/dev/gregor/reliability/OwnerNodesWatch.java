package dev.gregor.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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
    private final long intervalMs;
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicLong failedRounds = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private OwnerNodesWatch(String zookeeperConnect, String group, String topic, int partitions, long intervalMs) {
        this.curator = CuratorFrameworkFactory.newClient(zookeeperConnect, 30_000, 5_000,
                new ExponentialBackoffRetry(100, 3));
        this.ownersPath = "/consumers/" + group + "/owners/" + topic;
        this.partitions = partitions;
        this.intervalMs = intervalMs;
        this.thread = new Thread(this::run, "owner-nodes-watch-" + group);
        this.thread.setDaemon(true);
    }

    /** Starts sampling the owner nodes of {@code group}'s {@code partitions} partitions of {@code topic}. */
    public static OwnerNodesWatch start(String zookeeperConnect, String group, String topic, int partitions,
                                        long intervalMs) {
        OwnerNodesWatch watch = new OwnerNodesWatch(zookeeperConnect, group, topic, partitions, intervalMs);
        watch.curator.start();
        watch.thread.start();
        return watch;
    }

    private void run() {
        while (running) {
            try {
                List<Sample> round = new ArrayList<>();
                for (int partition = 0; partition < partitions; partition++) {
                    String owner = null;
                    try {
                        owner = new String(curator.getData().forPath(ownersPath + "/" + partition),
                                StandardCharsets.UTF_8);
                    } catch (KeeperException.NoNodeException free) {
                        // nobody owns it at this moment
                    }
                    round.add(new Sample(System.currentTimeMillis(), partition, owner));
                }
                synchronized (this) {
                    samples.addAll(round);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failedRounds.incrementAndGet();
            }
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
        return failedRounds.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        curator.close();
    }
}

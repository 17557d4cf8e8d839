package dev.gregor.internal.group;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.gregor.ZooKeeperUnavailableException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;

/** Builds and connects Curator clients from a ZooKeeper connect string such as {@code zk1:2181,zk2:2181/kafka}. */
final class CuratorClients {

    private CuratorClients() {
    }

    /**
     * A client for {@code zookeeperConnect}, not yet started. A chroot suffix becomes the client's namespace, which
     * Curator creates on first use, so the chroot need not exist beforehand. Operations are tried once: the caller
     * decides when to try again, so nothing blocks on a lost connection for longer than the connection timeout.
     */
    static CuratorFramework create(String zookeeperConnect, Duration sessionTimeout, Duration connectionTimeout) {
        int chrootStart = zookeeperConnect.indexOf('/');
        String hosts = chrootStart < 0 ? zookeeperConnect : zookeeperConnect.substring(0, chrootStart);
        String chroot = chrootStart < 0 ? "" : zookeeperConnect.substring(chrootStart).replaceAll("^/+|/+$", "");
        return CuratorFrameworkFactory.builder()
                .connectString(hosts)
                .namespace(chroot.isEmpty() ? null : chroot)
                .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                .retryPolicy(new RetryNTimes(0, 0))
                .build();
    }

    /** Starts {@code curator} and waits for its first session; closes it and throws if none comes within the timeout. */
    static void connect(CuratorFramework curator, String zookeeperConnect, Duration connectionTimeout) {
        curator.start();
        boolean connected;
        try {
            connected = curator.blockUntilConnected(Math.toIntExact(connectionTimeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            curator.close();
            throw new ZooKeeperUnavailableException(zookeeperConnect, connectionTimeout);
        }
    }
}

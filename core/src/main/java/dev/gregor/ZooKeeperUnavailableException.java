package dev.gregor;

import java.time.Duration;

/** No ZooKeeper session could be established for ZooKeeper-coordinated balancing: the ensemble is down or unreachable. */
public final class ZooKeeperUnavailableException extends KafkaException {

    /** For a connect string that gave no session within {@code timeout}. */
    public ZooKeeperUnavailableException(String zookeeperConnect, Duration timeout) {
        super("Cannot reach ZooKeeper at " + zookeeperConnect + " within " + timeout.toMillis() + " ms. Check that"
                + " ZooKeeper runs there, that the host names resolve and the ports are right, that this machine can"
                + " reach them, or raise the connection timeout.");
    }

    @Override
    public boolean isRetriable() {
        return true;
    }

    private ZooKeeperUnavailableException(ZooKeeperUnavailableException original) {
        super(original);
    }

    @Override
    KafkaException rethrown() {
        return new ZooKeeperUnavailableException(this);
    }
}

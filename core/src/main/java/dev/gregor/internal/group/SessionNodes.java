package dev.gregor.internal.group;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

/**
 * Ephemeral nodes held by the client's current ZooKeeper session. A node counts as held only while its ephemeral
 * owner is this session: nodes of an expired session are gone, and nodes of another session belong to someone else.
 */
final class SessionNodes {

    private final CuratorFramework curator;

    SessionNodes(CuratorFramework curator) {
        this.curator = curator;
    }

    /** Creates the node (and its missing parents) holding {@code data}; whether this session holds it afterwards. */
    boolean claim(String path, byte[] data) throws Exception {
        while (true) {
            try {
                curator.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
                return true;
            } catch (KeeperException.NodeExistsException e) {
                Stat existing = curator.checkExists().forPath(path);
                if (existing != null) {
                    return existing.getEphemeralOwner() == sessionId();
                }
                // The holder let go between our two calls: try again.
            }
        }
    }

    /** Replaces the data of the node if this session holds it; whether it does. */
    boolean update(String path, byte[] data) throws Exception {
        Stat existing = curator.checkExists().forPath(path);
        if (existing == null || existing.getEphemeralOwner() != sessionId()) {
            return false;
        }
        try {
            curator.setData().withVersion(existing.getVersion()).forPath(path, data);
            return true;
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            // Our session ended meanwhile, or our own earlier update won: the next rebalance looks again.
            return false;
        }
    }

    /** Deletes the node if this session holds it; nodes of other sessions are left alone. */
    void release(String path) throws Exception {
        Stat existing = curator.checkExists().forPath(path);
        if (existing != null && existing.getEphemeralOwner() == sessionId()) {
            try {
                curator.delete().forPath(path);
            } catch (KeeperException.NoNodeException e) {
                // Gone already: our session ended meanwhile, which released it too.
            }
        }
    }

    /** Runs {@code onRelease} once the node is gone: now if it does not exist, else when it is deleted. */
    void whenReleased(String path, Runnable onRelease) throws Exception {
        CuratorWatcher released = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                onRelease.run();
            }
        };
        if (curator.checkExists().usingWatcher(released).forPath(path) == null) {
            onRelease.run();
        }
    }

    /** The current session's id. */
    long sessionId() throws Exception {
        return curator.getZookeeperClient().getZooKeeper().getSessionId();
    }
}

package dev.gregor.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server running inside this JVM on 127.0.0.1, with its snapshot and transaction log in a
 * directory it is given. Ticks every 500 ms, so sessions may be as short as 1 s (for expiry tests) and as long as 60 s.
 * It can be stopped and started again on the same port and data: sessions and their ephemeral nodes are restored
 * from the transaction log, so a client that reconnects within its session timeout keeps its session.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final int TICK_MILLIS = 500;
    private static final int MIN_SESSION_MILLIS = 1_000;
    private static final int MAX_SESSION_MILLIS = 60_000;
    private static final int UNLIMITED_CONNECTIONS_PER_HOST = 0;

    private final Path directory;
    private int port;
    private ZooKeeperServer server;
    private ServerCnxnFactory connections;

    private EmbeddedZooKeeper(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server on {@code port} (0: any free port) keeping its data below {@code directory}. */
    public static EmbeddedZooKeeper start(Path directory, int port) {
        EmbeddedZooKeeper zookeeper = new EmbeddedZooKeeper(directory, port);
        zookeeper.startAgain();
        return zookeeper;
    }

    /** Starts a stopped server again on its old port with its old data; does nothing if it is running. */
    public synchronized void startAgain() {
        if (isRunning()) {
            return;
        }
        int bindPort = port;
        try {
            ZooKeeperServer started = new ZooKeeperServer(directory.resolve("snapshots").toFile(),
                    directory.resolve("log").toFile(), TICK_MILLIS);
            started.setMinSessionTimeout(MIN_SESSION_MILLIS);
            started.setMaxSessionTimeout(MAX_SESSION_MILLIS);
            ServerCnxnFactory factory = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), UNLIMITED_CONNECTIONS_PER_HOST);
            factory.startup(started);
            server = started;
            connections = factory;
            port = factory.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start ZooKeeper on 127.0.0.1:" + bindPort
                    + " (is the port taken? pass 0 for any free port)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting ZooKeeper", e);
        }
    }

    /** The port clients connect to on 127.0.0.1 (kept while the server is stopped). */
    public synchronized int port() {
        return port;
    }

    /** Whether the server is running. */
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** Ends a client session as if it had timed out, so its ephemeral nodes vanish and its watchers fire. */
    public synchronized void expireSession(long sessionId) {
        requireRunning();
        if (!server.getSessionTracker().globalSessions().contains(sessionId)) {
            throw new IllegalArgumentException("ZooKeeper has no live session 0x" + Long.toHexString(sessionId)
                    + "; live sessions: " + sessions().stream().map(id -> "0x" + Long.toHexString(id)).toList());
        }
        server.expire(sessionId);
    }

    /** The ids of the sessions the server holds, in ascending order. */
    public synchronized List<Long> sessions() {
        requireRunning();
        return server.getSessionTracker().globalSessions().stream().sorted().toList();
    }

    /** Stops the server and closes every client connection; its port and data stay for {@link #startAgain()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        connections.shutdown();
        server.shutdown();
        server = null;
    }

    /** Stops the server and closes every client connection. */
    @Override
    public void close() {
        stop();
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("ZooKeeper is stopped; start it first (startZookeeper())");
        }
    }
}

package dev.gregor.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server running inside this JVM on 127.0.0.1, with its snapshot and transaction log in a
 * directory it is given. Ticks every 500 ms, so sessions may be as short as 1 s (for expiry tests) and as long as 60 s.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final int TICK_MILLIS = 500;
    private static final int MIN_SESSION_MILLIS = 1_000;
    private static final int MAX_SESSION_MILLIS = 60_000;
    private static final int UNLIMITED_CONNECTIONS_PER_HOST = 0;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    /** Starts a server on {@code port} (0: any free port) keeping its data below {@code directory}. */
    public static EmbeddedZooKeeper start(Path directory, int port) {
        try {
            ZooKeeperServer server = new ZooKeeperServer(directory.resolve("snapshots").toFile(),
                    directory.resolve("log").toFile(), TICK_MILLIS);
            server.setMinSessionTimeout(MIN_SESSION_MILLIS);
            server.setMaxSessionTimeout(MAX_SESSION_MILLIS);
            ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), UNLIMITED_CONNECTIONS_PER_HOST);
            connections.startup(server);
            return new EmbeddedZooKeeper(server, connections);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start ZooKeeper on 127.0.0.1:" + port
                    + " (is the port taken? pass 0 for any free port)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting ZooKeeper", e);
        }
    }

    /** The port clients connect to on 127.0.0.1. */
    public int port() {
        return connections.getLocalPort();
    }

    /** Ends a client session as if it had timed out, so its ephemeral nodes vanish and its watchers fire. */
    public void expireSession(long sessionId) {
        server.expire(sessionId);
    }

    /** Stops the server and closes every client connection. */
    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}

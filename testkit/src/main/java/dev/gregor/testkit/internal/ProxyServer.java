package dev.gregor.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one broker port: accepts clients, dials the broker for each, and carries
 * the traffic through the faults of its {@link FaultPlan}. It outlives the broker behind it: while the broker is
 * down, new clients are accepted and closed at once, as a refused connection would be.
 */
public final class ProxyServer implements AutoCloseable {

    private static final int DIAL_TIMEOUT_MS = 5_000;

    private final ServerSocket server;
    private final int brokerPort;
    private final FaultPlan plan;
    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final ScheduledExecutorService cutter;

    private ProxyServer(ServerSocket server, int brokerPort, FaultPlan plan) {
        this.server = server;
        this.brokerPort = brokerPort;
        this.plan = plan;
        String name = "gregor-fault-proxy-" + server.getLocalPort();
        this.threads = Executors.newCachedThreadPool(daemons(name));
        this.cutter = Executors.newSingleThreadScheduledExecutor(daemons(name + "-cutter"));
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to 127.0.0.1:{@code brokerPort}. */
    public static ProxyServer start(int port, int brokerPort, FaultPlan plan) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ProxyServer proxy = new ProxyServer(server, brokerPort, plan);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("The fault proxy could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection now; returns how many. */
    public int cutAll() {
        int cut = 0;
        for (ProxyConnection connection : List.copyOf(open)) {
            if (connection.close()) {
                cut++;
            }
        }
        plan.counters().connectionsCut.addAndGet(cut);
        return cut;
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closed either way
        }
        List.copyOf(open).forEach(ProxyConnection::close);
        cutter.shutdownNow();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            plan.counters().connections.incrementAndGet();
            try {
                connect(client);
            } catch (IOException brokerDown) {
                closeQuietly(client);
            }
        }
    }

    private void connect(Socket client) throws IOException {
        client.setTcpNoDelay(true);
        Socket broker = null;
        if (!plan.blackholed()) {
            broker = new Socket();
            try {
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort), DIAL_TIMEOUT_MS);
                broker.setTcpNoDelay(true);
            } catch (IOException refused) {
                closeQuietly(broker);
                throw refused;
            }
        }
        ProxyConnection connection = new ProxyConnection(client, broker, plan, open::remove);
        open.add(connection);
        connection.start(threads);
        long cutAfter = plan.cutAfterDialNanos();
        if (cutAfter >= 0) {
            cutter.schedule(() -> {
                if (connection.close()) {
                    plan.counters().connectionsCutAfterDial.incrementAndGet();
                }
            }, cutAfter, TimeUnit.NANOSECONDS);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}

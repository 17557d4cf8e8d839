package dev.gregor.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of one broker that damages, in flight, every Produce request carrying a given
 * marker (one byte of the marker is flipped), so that the broker finds the record batch's CRC wrong and answers
 * CORRUPT_MESSAGE: a real broker's real answer to corruption on the wire, which no broker setting can provoke.
 * Everything else passes unchanged. The broker must advertise the proxy's port, so that clients come back through
 * it, and the proxy must forward from the start, since the testkit waits for the broker through that address.
 */
public final class CorruptingProxy implements AutoCloseable {

    private static final short PRODUCE = 0;

    private final ServerSocket server;
    private final byte[] marker;
    private final int targetPort;
    private final AtomicInteger corrupted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private CorruptingProxy(ServerSocket server, byte[] marker, int targetPort) {
        this.server = server;
        this.marker = marker;
        this.targetPort = targetPort;
    }

    /** A loopback port that is free now, for the broker behind the proxy. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        }
    }

    /** Starts listening on a free loopback port, forwarding every connection to loopback port {@code brokerPort}. */
    public static CorruptingProxy start(String marker, int brokerPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        CorruptingProxy proxy = new CorruptingProxy(server, marker.getBytes(StandardCharsets.UTF_8), brokerPort);
        daemon("corrupting-proxy-accept", proxy::acceptLoop);
        return proxy;
    }

    /** The port clients (and the broker's advertised listener) use. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many Produce requests were damaged so far. */
    public int corrupted() {
        return corrupted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(broker);
                daemon("corrupting-proxy-requests", () -> copyRequests(client, broker));
                daemon("corrupting-proxy-responses", () -> copyBytes(broker, client));
            } catch (IOException brokerDown) {
                closeQuietly(client);
            }
        }
    }

    private void copyRequests(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(from.getInputStream());
             DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
            while (true) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                if (frame.length > 2 && (short) (((frame[0] & 0xff) << 8) | (frame[1] & 0xff)) == PRODUCE
                        && damageMarker(frame)) {
                    corrupted.incrementAndGet();
                }
                out.writeInt(frame.length);
                out.write(frame);
                out.flush();
            }
        } catch (IOException connectionEnded) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private boolean damageMarker(byte[] frame) {
        for (int i = 0; i + marker.length <= frame.length; i++) {
            if (matchesAt(frame, i)) {
                frame[i] ^= 0x20;
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(byte[] frame, int start) {
        for (int j = 0; j < marker.length; j++) {
            if (frame[start + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }

    private static void copyBytes(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException connectionEnded) {
            // the other direction closes both sockets
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops listening and cuts every connection. */
    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(CorruptingProxy::closeQuietly);
    }
}

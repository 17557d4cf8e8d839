package dev.gregor.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds TCP ports on 127.0.0.1 that nothing listens on. */
public final class FreePorts {

    private static final int HIGHEST_PORT = 65535;

    private FreePorts() {
    }

    /**
     * {@code count} distinct free ports, none of them in {@code taken}: starting at {@code preferred} and counting up
     * past busy ones, or chosen by the operating system when {@code preferred} is 0. The ports are free when this
     * returns; pass ports picked earlier but not yet bound as {@code taken}, since the system may hand them out again.
     */
    public static List<Integer> pick(int count, int preferred, Set<Integer> taken) {
        List<ServerSocket> held = new ArrayList<>();
        List<ServerSocket> rejected = new ArrayList<>();
        try {
            int candidate = preferred;
            while (held.size() < count) {
                ServerSocket socket = taken.contains(candidate) ? null : tryBind(candidate);
                if (socket != null) {
                    (taken.contains(socket.getLocalPort()) ? rejected : held).add(socket);
                }
                if (preferred != 0) {
                    candidate++;
                    if (candidate > HIGHEST_PORT) {
                        throw new IllegalStateException("No free port on 127.0.0.1 from " + preferred + " upwards");
                    }
                }
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            held.forEach(FreePorts::closeQuietly);
            rejected.forEach(FreePorts::closeQuietly);
        }
    }

    /** One free port: {@code preferred} if free, the next free one above it otherwise, any when 0. */
    public static int pick(int preferred) {
        return pick(1, preferred, Set.of()).get(0);
    }

    private static ServerSocket tryBind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return socket;
            } catch (IOException busy) {
                socket.close();
                return null;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a server socket on 127.0.0.1", e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}

package dev.gregor.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A bare Kafka connection for timing one round trip exactly: sends ApiVersions v0 requests by hand and reads the
 * answers, with nothing else on the wire.
 */
final class RawKafkaConnection implements AutoCloseable {

    private static final short API_VERSIONS = 18;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    RawKafkaConnection(int port, Duration readTimeout) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends an ApiVersions request and returns the error code of its answer; fails if the answer is another's. */
    short apiVersions() throws IOException {
        int id = ++correlationId;
        out.writeInt(10);
        out.writeShort(API_VERSIONS);
        out.writeShort(0);
        out.writeInt(id);
        out.writeShort(-1);
        out.flush();
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        int answered = ((response[0] & 0xff) << 24) | ((response[1] & 0xff) << 16) | ((response[2] & 0xff) << 8)
                | (response[3] & 0xff);
        if (answered != id) {
            throw new IllegalStateException("answer to request " + answered + " came for request " + id);
        }
        return (short) (((response[4] & 0xff) << 8) | (response[5] & 0xff));
    }

    /** How long one ApiVersions round trip takes; fails unless the broker answers without an error. */
    Duration roundTrip() throws IOException {
        long start = System.nanoTime();
        short error = apiVersions();
        if (error != 0) {
            throw new IllegalStateException("ApiVersions answered with error " + error);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Blocks until the proxy closes the connection; returns false if something arrived instead. */
    boolean awaitClosed() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** Whether the proxy closes the connection within {@code wait}; false if it stays open (and silent). */
    boolean awaitClosedWithin(Duration wait) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) wait.toMillis());
        try {
            return awaitClosed();
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

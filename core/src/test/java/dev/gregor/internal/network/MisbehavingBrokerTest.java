package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.ProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fake broker for what a real one cannot do: answer with garbage, cut a frame short, claim an absurd length,
 * or never answer. Each must end in a clean error within the timeouts, never a hang or a huge allocation.
 */
class MisbehavingBrokerTest {

    private final Transport transport = new Transport(new NetworkSettings("misbehaving-test", Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(100), 1024 * 1024,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        connections.close();
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void garbageInsteadOfAResponseIsAProtocolError() throws Exception {
        BrokerAddress broker = fakeBroker((correlationId, out) -> {
            out.writeInt(6);
            out.writeInt(correlationId);
            out.writeShort(0x7fff);
        });

        assertThatThrownBy(() -> connect(broker)).cause()
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(broker.toString())
                .hasMessageContaining("cannot read");
    }

    @Test
    void aResponseToNoRequestIsAProtocolError() throws Exception {
        BrokerAddress broker = fakeBroker((correlationId, out) -> {
            out.writeInt(4);
            out.writeInt(correlationId + 1000);
        });

        assertThatThrownBy(() -> connect(broker)).cause()
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("matches no request");
    }

    @Test
    void anAbsurdLengthIsRefusedWithoutAllocatingIt() throws Exception {
        BrokerAddress broker = fakeBroker((correlationId, out) -> {
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(correlationId);
        });

        assertThatThrownBy(() -> connect(broker)).cause()
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("maxResponseSize");
    }

    @Test
    void aFrameCutShortByAClosedConnectionFailsAsUnavailable() throws Exception {
        BrokerAddress broker = fakeBroker((correlationId, out) -> {
            out.writeInt(100);
            out.writeInt(correlationId);
            throw new IOException("hang up mid-frame");
        });

        assertThatThrownBy(() -> connect(broker)).cause()
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining(broker.toString());
    }

    @Test
    void aBrokerThatNeverAnswersTimesOut() throws Exception {
        BrokerAddress broker = fakeBroker((correlationId, out) -> {
            // say nothing at all
        });

        long start = System.nanoTime();
        assertThatThrownBy(() -> connect(broker)).cause()
                .isInstanceOf(KafkaTimeoutException.class)
                .hasMessageContaining("ApiVersions");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private BrokerConnection connect(BrokerAddress broker) throws Exception {
        try {
            return connections.get(broker).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }

    private BrokerAddress fakeBroker(Answer answer) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                int length = in.readInt();
                in.readShort();
                in.readShort();
                int correlationId = in.readInt();
                in.skipNBytes(length - 8);
                answer.write(correlationId, out);
                out.flush();
                socket.getInputStream().read();
            } catch (IOException closed) {
                // the client hung up, or the answer hung up on purpose
            }
        }, "fake-broker");
        acceptor.setDaemon(true);
        acceptor.start();
        return new BrokerAddress("127.0.0.1", server.getLocalPort());
    }

    @FunctionalInterface
    private interface Answer {
        void write(int correlationId, DataOutputStream out) throws IOException;
    }
}

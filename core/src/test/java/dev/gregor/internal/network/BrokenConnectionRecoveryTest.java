package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.KafkaException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.ProtocolException;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.ApiVersionsRequest;
import dev.gregor.internal.protocol.message.ApiVersionsResponse;
import dev.gregor.support.FakeBrokerResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fake broker whose first connection misbehaves and whose later ones answer properly: the request on the broken
 * connection fails within the request timeout with an error that names the broker and the problem, the client
 * closes that connection, and the next request, on a new connection, succeeds.
 */
class BrokenConnectionRecoveryTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final Transport transport = new Transport(new NetworkSettings("recovery-test", REQUEST_TIMEOUT,
            REQUEST_TIMEOUT, Duration.ofMillis(10), Duration.ofMillis(100), 1024 * 1024, SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);
    private final List<Boolean> closedByClient = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    /** What the first connection answers to the client's first request. */
    enum Misbehaviour {
        GARBAGE(ProtocolException.class, "ApiVersions v") {
            @Override
            void answer(int correlationId, short version, DataOutputStream out) throws IOException {
                out.writeInt(6);
                out.writeInt(correlationId);
                out.writeShort(0x7fff);
            }
        },
        PARTIAL_FRAME_THEN_SILENCE(KafkaTimeoutException.class, "ApiVersions") {
            @Override
            void answer(int correlationId, short version, DataOutputStream out) throws IOException {
                out.writeInt(100);
                out.writeInt(correlationId);
                out.writeShort(0);
            }
        },
        OVERSIZED_LENGTH_PREFIX(ProtocolException.class, "maxResponseSize") {
            @Override
            void answer(int correlationId, short version, DataOutputStream out) throws IOException {
                out.writeInt(Integer.MAX_VALUE);
                out.writeInt(correlationId);
            }
        },
        UNKNOWN_CORRELATION_ID(ProtocolException.class, "matches no request") {
            @Override
            void answer(int correlationId, short version, DataOutputStream out) throws IOException {
                wellFormed(ApiKey.API_VERSIONS.id(), correlationId + 1000, version, out);
            }
        },
        NOTHING(KafkaTimeoutException.class, "ApiVersions") {
            @Override
            void answer(int correlationId, short version, DataOutputStream out) {
                // silence
            }
        };

        final Class<? extends KafkaException> error;
        final String says;

        Misbehaviour(Class<? extends KafkaException> error, String says) {
            this.error = error;
            this.says = says;
        }

        abstract void answer(int correlationId, short version, DataOutputStream out) throws IOException;
    }

    @AfterEach
    void close() throws IOException {
        connections.close();
        transport.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Misbehaviour.class)
    void theRequestFailsClearlyInTimeAndTheNextConnectionServes(Misbehaviour misbehaviour) throws Exception {
        BrokerAddress broker = fakeBroker(misbehaviour);

        long start = System.nanoTime();
        assertThatThrownBy(() -> connections.get(broker).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(misbehaviour.error)
                .hasMessageContaining(broker.toString())
                .hasMessageContaining(misbehaviour.says);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIMEOUT.plusSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> closedByClient.size() == 1);
        assertThat(closedByClient).containsExactly(true);

        BrokerConnection again = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> connections.get(broker).get(5, TimeUnit.SECONDS), connection -> connection != null);

        assertThat(again.isActive()).isTrue();
        assertThat(again.<ApiVersionsResponse>send(ApiKey.API_VERSIONS, new ApiVersionsRequest()).get(5, TimeUnit.SECONDS)
                .apiKeys()).hasSize(ApiKey.values().length);
    }

    private BrokerAddress fakeBroker(Misbehaviour first) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        AtomicInteger accepted = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    boolean misbehave = accepted.getAndIncrement() == 0;
                    Thread serving = new Thread(() -> serve(socket, misbehave ? first : null), "fake-broker-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-broker");
        acceptor.setDaemon(true);
        acceptor.start();
        return new BrokerAddress("127.0.0.1", server.getLocalPort());
    }

    /** Answers every request well, or the first with {@code misbehaviour} and then waits for the client to hang up. */
    private void serve(Socket socket, Misbehaviour misbehaviour) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length = in.readInt();
                short api = in.readShort();
                short version = in.readShort();
                int correlationId = in.readInt();
                in.skipNBytes(length - 8);
                if (misbehaviour != null) {
                    misbehaviour.answer(correlationId, version, out);
                    out.flush();
                    closedByClient.add(in.read() < 0);
                    return;
                }
                wellFormed(api, correlationId, version, out);
                out.flush();
            }
        } catch (IOException closed) {
            // the client hung up
        }
    }

    /** A proper answer: to the client's SASL probe, that this listener has none; to ApiVersions, every API. */
    static void wellFormed(short api, int correlationId, short version, DataOutputStream out) throws IOException {
        ApiKey key = ApiKey.forId(api);
        FakeBrokerResponses.write(out, key, version, correlationId,
                key == ApiKey.SASL_HANDSHAKE ? FakeBrokerResponses.noSasl() : FakeBrokerResponses.apiVersions());
    }
}

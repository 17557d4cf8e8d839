package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gregor.AuthenticationException;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.internal.security.TlsContexts;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.Listener;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A listener that hangs up during the TLS handshake is taken for one without TLS only if that address never spoke
 * TLS with this client: a broker that did and now hangs up is restarting, and the client must keep retrying it.
 * Runs on the secured cluster of {@code SecuredClusterTest}'s shape (one cluster start fewer): the SASL sessions'
 * re-authentication it asks for leaves this test's TLS listener alone.
 */
@KafkaCluster(secured = true, reauthenticationMs = 3_000)
class TlsRestartTest {

    private final EmbeddedKafkaCluster cluster;
    private final AtomicBoolean hangUp = new AtomicBoolean();
    private final ServerSocket proxy;
    private final Transport transport;

    TlsRestartTest(EmbeddedKafkaCluster cluster) throws IOException {
        this.cluster = cluster;
        this.proxy = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        TlsConfig tls = TlsConfig.builder()
                .trustStore(cluster.certificates().trustStore(), cluster.certificates().storePassword()).build();
        this.transport = new Transport(new NetworkSettings("tls-restart-test", Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(100), 1024 * 1024,
                new SecuritySettings(SecurityProtocol.SSL, TlsContexts.clientContext(tls), null)), 1);
        startProxy();
    }

    @AfterEach
    void close() throws IOException {
        transport.close();
        proxy.close();
    }

    @Test
    void aHangUpDuringTheHandshakeOfABrokerThatSpokeTlsBeforeIsARetriableUnavailability() throws Exception {
        BrokerAddress broker = new BrokerAddress("127.0.0.1", proxy.getLocalPort());
        transport.open(broker).get(10, TimeUnit.SECONDS).close();

        hangUp.set(true);

        assertThatThrownBy(() -> open(broker)).isInstanceOf(BrokerUnavailableException.class);
    }

    @Test
    void aHangUpDuringTheFirstHandshakeIsTakenForAListenerWithoutTls() {
        hangUp.set(true);

        assertThatThrownBy(() -> open(new BrokerAddress("127.0.0.1", proxy.getLocalPort())))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("TLS");
    }

    private void open(BrokerAddress broker) throws Exception {
        try {
            transport.open(broker).get(10, TimeUnit.SECONDS).close();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** Relays each connection to the broker's TLS listener, or, once told to, hangs up at once. */
    private void startProxy() {
        String[] target = cluster.bootstrapServers(Listener.SSL).split(",")[0].split(":");
        Thread acceptor = new Thread(() -> {
            while (!proxy.isClosed()) {
                try {
                    Socket client = proxy.accept();
                    if (hangUp.get()) {
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
                    relay(client, upstream);
                    relay(upstream, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tls-restart-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void relay(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // either side hung up
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tls-restart-relay");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

package dev.gregor.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.MetadataResponse;
import dev.gregor.internal.protocol.message.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A one-broker cluster on a socket of 127.0.0.1 for what a real broker cannot do (send corrupt data, report the
 * requests it got): it answers the connection handshake and Metadata itself (it leads every partition of its
 * topics) and every other request through its {@link Handler}, one request at a time per connection, in order.
 */
public final class FakeBroker implements AutoCloseable {

    /** A request: its API and version, its body after the header, and whether another one waits behind it. */
    public record Request(ApiKey api, short version, ByteBuf body, BooleanSupplier anotherWaiting) {
    }

    /** Answers the requests after the handshake. */
    @FunctionalInterface
    public interface Handler {
        /** The answer to {@code request}; throwing IOException hangs up. */
        ProtocolMessage answer(Request request) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Map<String, UUID> topics;
    private final int partitions;
    private final Handler handler;

    /**
     * Starts listening, with {@code topics} (name to id) of {@code partitions} partitions each; connections are
     * served until {@link #close()}.
     */
    public FakeBroker(Map<String, UUID> topics, int partitions, Handler handler) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.topics = Map.copyOf(topics);
        this.partitions = partitions;
        this.handler = handler;
        Thread acceptor = new Thread(this::accept, "fake-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where to connect. */
    public String bootstrapServers() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Metadata naming this broker, id 0, the leader of every partition of each topic. */
    private MetadataResponse metadata() {
        List<MetadataResponse.MetadataResponseTopic> described = new ArrayList<>();
        topics.forEach((name, id) -> {
            List<MetadataResponse.MetadataResponsePartition> led = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                led.add(new MetadataResponse.MetadataResponsePartition().setPartitionIndex(partition).setLeaderId(0)
                        .setLeaderEpoch(0).setReplicaNodes(List.of(0)).setIsrNodes(List.of(0)));
            }
            described.add(new MetadataResponse.MetadataResponseTopic().setName(name).setTopicId(id).setPartitions(led));
        });
        return new MetadataResponse()
                .setBrokers(List.of(new MetadataResponse.MetadataResponseBroker().setNodeId(0).setHost("127.0.0.1")
                        .setPort(server.getLocalPort())))
                .setClusterId("fake").setControllerId(0).setTopics(described);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread serving = new Thread(() -> serve(socket), "fake-broker-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            BooleanSupplier anotherWaiting = () -> {
                try {
                    return in.available() > 0;
                } catch (IOException closed) {
                    return false;
                }
            };
            while (true) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                ByteBuf body = Unpooled.wrappedBuffer(frame);
                ApiKey api = ApiKey.forId(body.getShort(0));
                short version = body.getShort(2);
                RequestHeader header = RequestHeader.read(body, api.requestHeaderVersion(version));
                ProtocolMessage response = switch (api) {
                    case API_VERSIONS -> FakeBrokerResponses.apiVersions();
                    case SASL_HANDSHAKE -> FakeBrokerResponses.noSasl();
                    case METADATA -> metadata();
                    default -> handler.answer(new Request(api, version, body, anotherWaiting));
                };
                FakeBrokerResponses.write(out, api, version, header.correlationId(), response);
                out.flush();
            }
        } catch (IOException closed) {
            // the client hung up, the handler refused, or the test ended
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}

package dev.gregor.internal.consumer;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.ClientSettings;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.support.FakeBroker;
import io.netty.buffer.PooledByteBufAllocator;

/** A {@link FetchPipeline} (not started, default settings, no offset lookups) fetching from a {@link FakeBroker}. */
final class PipelineOnFakeBroker implements AutoCloseable {

    private final FakeBroker broker;
    private final Transport transport;
    private final BrokerConnections connections;
    private final MetadataCache metadata;
    private final FetchPipeline pipeline;

    /** A fake broker of {@code topics} (name to id) of {@code partitions} each, answering Fetch and the rest by {@code handler}. */
    PipelineOnFakeBroker(String clientId, Map<String, UUID> topics, int partitions, FakeBroker.Handler handler)
            throws IOException {
        broker = new FakeBroker(topics, partitions, handler);
        transport = new Transport(new NetworkSettings(clientId, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofSeconds(1), 1 << 20, SecuritySettings.PLAINTEXT), 1);
        connections = new BrokerConnections(transport);
        String bootstrap = broker.bootstrapServers();
        metadata = new MetadataCache(connections, BrokerAddress.parseList(bootstrap), Duration.ofMinutes(1));
        ClientContext context = new ClientContext(metadata, connections, Duration.ofSeconds(5), Duration.ofSeconds(10),
                transport.scheduler(), PooledByteBufAllocator.DEFAULT, child -> { }, child -> { },
                new ClientSettings(bootstrap, clientId, SecurityProtocol.PLAINTEXT, null, null),
                backend -> { throw new IllegalStateException("this test builds its engines itself"); },
                transport.clientCounters());
        pipeline = new FetchPipeline(context, ConsumerConfig.defaults(),
                (asked, timestamp) -> CompletableFuture.failedFuture(new IllegalStateException("not used")));
    }

    FetchPipeline pipeline() {
        return pipeline;
    }

    MetadataCache metadata() {
        return metadata;
    }

    @Override
    public void close() throws IOException {
        pipeline.close();
        connections.close();
        transport.close();
        broker.close();
    }
}

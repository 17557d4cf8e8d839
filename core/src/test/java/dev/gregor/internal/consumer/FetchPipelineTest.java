package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.ClientSettings;
import dev.gregor.internal.engine.RecordChunk;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KafkaCluster
class FetchPipelineTest {

    private static final String TOPIC = "pipeline";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final Transport transport = new Transport(new NetworkSettings("pipeline-test", Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1), 1 << 26,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);
    private final FetchPipeline pipeline;

    FetchPipelineTest(EmbeddedKafkaCluster cluster) {
        MetadataCache metadata = new MetadataCache(connections, BrokerAddress.parseList(cluster.bootstrapServers()), Duration.ofMinutes(1));
        ClientContext context = new ClientContext(metadata, connections, Duration.ofSeconds(10), Duration.ofSeconds(30),
                transport.scheduler(), PooledByteBufAllocator.DEFAULT, child -> { }, child -> { },
                new ClientSettings(cluster.bootstrapServers(), "pipeline-test", SecurityProtocol.PLAINTEXT, null, null),
                backend -> { throw new IllegalStateException("this test builds its engines itself"); },
                transport.clientCounters());
        pipeline = new FetchPipeline(context, ConsumerConfig.defaults(),
                (partitions, timestamp) -> CompletableFuture.failedFuture(new IllegalStateException("not used")));
    }

    @BeforeAll
    static void writeRecords(EmbeddedKafkaCluster cluster) {
        cluster.createTopic(TOPIC, 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), TOPIC, 2, 0, 200, "none", System.currentTimeMillis());
    }

    @AfterEach
    void close() {
        pipeline.close();
        connections.close();
        transport.close();
    }

    @Test
    void partitionsCanBeAssignedAndRevokedWhileFetching() throws Exception {
        pipeline.start();
        pipeline.assign(Map.of(P0, 0L));
        List<Message> first = drain(100);
        assertThat(first).hasSize(100).allMatch(message -> message.partitionId() == 0);

        pipeline.assign(Map.of(P1, 50L));
        pipeline.revoke(Set.of(P0));
        pipeline.assign(Map.of(P0, 90L));
        List<Message> second = drain(60);

        assertThat(pipeline.partitions()).containsExactly(P0, P1);
        assertThat(second.stream().filter(m -> m.partitionId() == 1).map(Message::offset))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(50, 100).boxed().toList());
        assertThat(second.stream().filter(m -> m.partitionId() == 0).map(Message::offset))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(90, 100).boxed().toList());
    }

    private List<Message> drain(int expected) throws Exception {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (messages.size() < expected && System.nanoTime() < deadline) {
            RecordChunk chunk = pipeline.poll(TimeUnit.MILLISECONDS.toNanos(200));
            if (chunk == null) {
                continue;
            }
            if (pipeline.isCurrent(chunk)) {
                Message message;
                while ((message = chunk.next()) != null) {
                    messages.add(message);
                }
            }
            pipeline.consumed(chunk);
        }
        return messages;
    }
}

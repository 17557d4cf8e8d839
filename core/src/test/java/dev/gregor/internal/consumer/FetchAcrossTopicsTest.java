package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.internal.client.ClientSettings;
import dev.gregor.internal.metadata.MetadataCache;
import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.internal.protocol.message.FetchRequest;
import dev.gregor.internal.protocol.message.FetchResponse;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.support.FakeBroker;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shape of the Fetch requests of a pipeline over two topics: one Fetch to the broker at a time, carrying every
 * partition of both topics, one FetchTopic each, named by topic id. A fake broker, since a real one cannot report the
 * requests it was sent; it answers every Fetch with no records.
 */
class FetchAcrossTopicsTest {

    private static final Map<String, UUID> TOPICS = new TreeMap<>(Map.of("across-a", UUID.randomUUID(),
            "across-b", UUID.randomUUID()));
    /** How long the fake broker keeps each Fetch unanswered, watching whether another one arrives meanwhile. */
    private static final long HOLD_MILLIS = 100;

    private final FakeBroker broker;
    private final Transport transport = new Transport(new NetworkSettings("fetch-across-topics-test",
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(1), 1 << 20,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);
    private final MetadataCache metadata;
    private final FetchPipeline pipeline;
    private final List<Map<UUID, Set<Integer>>> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger sentWhileOneWasUnanswered = new AtomicInteger();

    FetchAcrossTopicsTest() throws IOException {
        broker = new FakeBroker(TOPICS, 2, request -> switch (request.api()) {
            case FETCH -> fetch(FetchRequest.read(request.body(), request.version()), request.anotherWaiting());
            default -> throw new IOException("the fake broker does not answer " + request.api());
        });
        String bootstrap = broker.bootstrapServers();
        metadata = new MetadataCache(connections, BrokerAddress.parseList(bootstrap), Duration.ofMinutes(1));
        ClientContext context = new ClientContext(metadata, connections, Duration.ofSeconds(5), Duration.ofSeconds(10),
                transport.scheduler(), PooledByteBufAllocator.DEFAULT, child -> { }, child -> { },
                new ClientSettings(bootstrap, "fetch-across-topics-test", SecurityProtocol.PLAINTEXT, null, null));
        pipeline = new FetchPipeline(context, ConsumerConfig.defaults(),
                (partitions, timestamp) -> CompletableFuture.failedFuture(new IllegalStateException("not used")));
    }

    @AfterEach
    void close() throws IOException {
        pipeline.close();
        connections.close();
        transport.close();
        broker.close();
    }

    @Test
    void oneFetchAtATimeCarriesEveryPartitionOfEveryTopic() throws Exception {
        for (String topic : TOPICS.keySet()) {
            metadata.topic(topic).get(10, TimeUnit.SECONDS);
        }
        pipeline.start();
        Map<TopicPartition, Long> start = new TreeMap<>();
        TOPICS.keySet().forEach(topic -> {
            start.put(new TopicPartition(topic, 0), 0L);
            start.put(new TopicPartition(topic, 1), 0L);
        });
        pipeline.assign(start);

        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.size() >= 5);

        Map<UUID, Set<Integer>> everyPartition = new TreeMap<>();
        TOPICS.values().forEach(id -> everyPartition.put(id, Set.of(0, 1)));
        assertThat(List.copyOf(fetches).subList(0, 5)).as("each Fetch: topic id to partitions").containsOnly(everyPartition);
        assertThat(sentWhileOneWasUnanswered).as("Fetches sent while another was unanswered").hasValue(0);
    }

    /** Notes what the Fetch asks for, holds it a while watching for another request, then answers: no records. */
    private FetchResponse fetch(FetchRequest request, BooleanSupplier anotherWaiting) throws InterruptedException {
        Map<UUID, Set<Integer>> asked = new TreeMap<>();
        request.topics().forEach(topic -> asked.put(topic.topicId(), new TreeSet<>(topic.partitions().stream()
                .map(FetchRequest.FetchPartition::partition).toList())));
        fetches.add(asked);
        Thread.sleep(HOLD_MILLIS);
        if (anotherWaiting.getAsBoolean()) {
            sentWhileOneWasUnanswered.incrementAndGet();
        }
        return new FetchResponse().setResponses(request.topics().stream()
                .map(topic -> new FetchResponse.FetchableTopicResponse().setTopicId(topic.topicId())
                        .setPartitions(topic.partitions().stream().map(partition -> new FetchResponse.PartitionData()
                                .setPartitionIndex(partition.partition()).setHighWatermark(0).setLastStableOffset(0))
                                .toList()))
                .toList());
    }
}

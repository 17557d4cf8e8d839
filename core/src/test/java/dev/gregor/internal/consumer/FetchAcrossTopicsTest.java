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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.gregor.TopicPartition;
import dev.gregor.internal.protocol.message.FetchRequest;
import dev.gregor.internal.protocol.message.FetchResponse;
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

    private final PipelineOnFakeBroker fake;
    private final FetchPipeline pipeline;
    private final List<Map<UUID, Set<Integer>>> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger sentWhileOneWasUnanswered = new AtomicInteger();

    FetchAcrossTopicsTest() throws IOException {
        fake = new PipelineOnFakeBroker("fetch-across-topics-test", TOPICS, 2, request -> switch (request.api()) {
            case FETCH -> fetch(FetchRequest.read(request.body(), request.version()), request.anotherWaiting());
            default -> throw new IOException("the fake broker does not answer " + request.api());
        });
        pipeline = fake.pipeline();
    }

    @AfterEach
    void close() throws IOException {
        fake.close();
    }

    @Test
    void oneFetchAtATimeCarriesEveryPartitionOfEveryTopic() throws Exception {
        for (String topic : TOPICS.keySet()) {
            fake.metadata().topic(topic).get(10, TimeUnit.SECONDS);
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

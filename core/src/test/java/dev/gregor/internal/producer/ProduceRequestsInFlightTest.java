package dev.gregor.internal.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaClient;
import dev.gregor.internal.protocol.message.DescribeConfigsResponse;
import dev.gregor.internal.protocol.message.ProduceRequest;
import dev.gregor.internal.protocol.message.ProduceResponse;
import dev.gregor.producer.Acks;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.support.FakeBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A producer keeps at most {@link Sender#MAX_REQUESTS_IN_FLIGHT} Produce requests unanswered per broker: batches
 * that become ready meanwhile wait and leave together in the next request, instead of each in a small one of its own
 * (which costs the broker and the client per request). A fake broker, which answers each Produce only when the test
 * lets it.
 */
class ProduceRequestsInFlightTest {

    private static final String TOPIC = "in-flight";

    private final List<Set<Integer>> requests = new CopyOnWriteArrayList<>();
    private final Semaphore answers = new Semaphore(0);
    private final FakeBroker broker;

    ProduceRequestsInFlightTest() throws IOException {
        broker = new FakeBroker(Map.of(TOPIC, UUID.randomUUID()), Sender.MAX_REQUESTS_IN_FLIGHT + 2, request -> switch (request.api()) {
            case PRODUCE -> answerWhenLet(ProduceRequest.read(request.body(), request.version()));
            case DESCRIBE_CONFIGS -> brokersBatchLimit();
            default -> throw new IOException("the fake broker does not answer " + request.api());
        });
    }

    @AfterEach
    void close() throws IOException {
        broker.close();
    }

    @Test
    void batchesReadyWhileTheMostRequestsAreUnansweredLeaveTogetherInTheNext() throws Exception {
        try (KafkaClient client = KafkaClient.connect(broker.bootstrapServers());
             Producer producer = client.producer(ProducerConfig.builder().acks(Acks.LEADER).idempotence(false)
                     .linger(Duration.ZERO).build())) {
            try {
                List<CompletableFuture<DeliveryReport>> reports = new ArrayList<>();
                int limit = Sender.MAX_REQUESTS_IN_FLIGHT;
                for (int partition = 0; partition < limit; partition++) {
                    reports.add(send(producer, partition));
                    int sent = partition + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> producer.metrics().requestsSent() == sent);
                }

                reports.add(send(producer, limit));
                // As many requests unanswered as allowed: this batch, ready at once (no linger), stays.
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                        .until(() -> producer.metrics().requestsSent() == limit);
                reports.add(send(producer, limit + 1));
                answers.release(limit + 1);

                for (CompletableFuture<DeliveryReport> report : reports) {
                    assertThat(report.get(10, TimeUnit.SECONDS).delivered()).isTrue();
                }
                List<Set<Integer>> expected = new ArrayList<>();
                for (int partition = 0; partition < limit; partition++) {
                    expected.add(Set.of(partition));
                }
                expected.add(Set.of(limit, limit + 1));
                assertThat(requests).as("the partitions of each Produce request, in order").isEqualTo(expected);
            } finally {
                // Never leave the close below waiting on requests the fake broker holds.
                answers.release(1_000);
            }
        }
    }

    private static CompletableFuture<DeliveryReport> send(Producer producer, int partition) {
        return producer.send(TOPIC, ProducerRecord.of(new byte[] {(byte) partition}).withPartition(partition));
    }

    /** The topic's max.message.bytes, the brokers' default (which the producer reads before its first batch). */
    private static DescribeConfigsResponse brokersBatchLimit() {
        return new DescribeConfigsResponse().setResults(List.of(new DescribeConfigsResponse.DescribeConfigsResult()
                .setResourceType((byte) 2).setResourceName(TOPIC).setConfigs(List.of(
                        new DescribeConfigsResponse.DescribeConfigsResourceResult().setName("max.message.bytes")
                                .setValue("1048588").setConfigSource((byte) 5)))));
    }

    /** Notes the request's partitions, waits until the test lets it answer, then reports each batch written. */
    private ProduceResponse answerWhenLet(ProduceRequest request) throws InterruptedException {
        Set<Integer> partitions = new TreeSet<>();
        List<ProduceResponse.TopicProduceResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicProduceData topic : request.topicData()) {
            List<ProduceResponse.PartitionProduceResponse> answered = new ArrayList<>();
            for (ProduceRequest.PartitionProduceData partition : topic.partitionData()) {
                partitions.add(partition.index());
                answered.add(new ProduceResponse.PartitionProduceResponse().setIndex(partition.index())
                        .setBaseOffset(0).setLogAppendTimeMs(-1));
            }
            topics.add(new ProduceResponse.TopicProduceResponse().setName(topic.name()).setTopicId(topic.topicId())
                    .setPartitionResponses(answered));
        }
        requests.add(partitions);
        if (!answers.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never let the fake broker answer");
        }
        return new ProduceResponse().setResponses(topics);
    }
}

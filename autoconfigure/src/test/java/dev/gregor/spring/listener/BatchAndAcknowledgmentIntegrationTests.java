package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.BalancedMultiTopicConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.support.TopicContents;
import dev.gregor.spring.test.EmbeddedGregorCluster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/** Batch listeners and manual acknowledgment, on one embedded cluster. */
@SpringBootTest(properties = {"gregor.listener.max-attempts=2", "gregor.listener.retry-backoff=10ms",
        "gregor.listener.commit-interval=100ms", "gregor.listener.max-batch-size=50"})
@EmbeddedGregorCluster
class BatchAndAcknowledgmentIntegrationTests {

    private static final long TIMESTAMP = 1_600_000_000_000L;

    @Autowired
    TopicTemplate template;
    @Autowired
    Receiver receiver;
    @Autowired
    KafkaClient client;
    @Autowired
    TopicListenerRegistry registry;
    @Autowired
    Revokes revokes;

    @Test
    void aBatchListenerOverTwoTopicsGetsEveryRecordOnceInBoundedBatchesAndCommitsOnlyAfterItReturns() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            String topic = i % 2 == 0 ? "batch-a" : "batch-b";
            template.send(topic, "key-" + i, topic + "/" + i);
        }
        template.flush();
        registry.start("batches");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.batched.size() >= 1_000);
        assertThat(receiver.batched).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(receiver.batchSizes).as("every call holds at most gregor.listener.max-batch-size records")
                .allSatisfy(size -> assertThat(size).isBetween(1, 50)).anySatisfy(size -> assertThat(size).isGreaterThan(1));
        Map<TopicPartition, Long> last = new HashMap<>();
        for (Message message : receiver.batchedMessages) {
            TopicPartition partition = TopicPartition.of(message.topic(), message.partitionId());
            assertThat(message.offset()).as("%s in partition order", message).isGreaterThan(last.getOrDefault(partition, -1L));
            last.put(partition, message.offset());
        }
        awaitCommitted("batch-a", "batch-group", client.topic("batch-a").latestOffsets());
        awaitCommitted("batch-b", "batch-group", client.topic("batch-b").latestOffsets());

        receiver.holdNextBatch = new CountDownLatch(1);
        template.sendSync("batch-a", "held-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.holding);
        long heldOffset = client.topic("batch-a").latestOffsets().values().stream().mapToLong(Long::longValue).sum();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() ->
                committedSum("batch-a", "batch-group") == heldOffset - 1);
        receiver.holdNextBatch.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> committedSum("batch-a", "batch-group") == heldOffset);
    }

    @Test
    void balancedBatchListenersShareTheTopicMapJsonAndDeadLetterOnlyAPoisonPill() {
        for (int i = 0; i < 300; i++) {
            template.send("batch-json", "customer-" + (i % 10), new Order(i));
            if (i == 150) {
                template.send("batch-json", "customer-0", "not json at all");
            }
        }
        template.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.orders.size() >= 300);
        assertThat(receiver.orders).hasSize(300);
        assertThat(receiver.orderDuplicates).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicContents.of(client, "batch-json.DLT").size() >= 1);
        assertThat(TopicContents.of(client, "batch-json.DLT")).extracting(Message::valueAsString)
                .containsExactly("not json at all");
        assertThat(registry.containers("json-batches")).hasSize(2);
        awaitCommitted("batch-json", "json-batch-group", client.topic("batch-json").latestOffsets());
    }

    @Test
    void aFailingRecordInTheMiddleOfABatchIsFoundAndDeadLetteredAloneWhetherNamedOrNot() {
        List<String> values = IntStream.range(0, 10).mapToObj(i -> i == 5 ? "bad-5" : "good-" + i).toList();
        for (String topic : List.of("batch-failing", "batch-named")) {
            values.forEach(value -> template.send(topic, ProducerRecord.of(value).withTimestamp(TIMESTAMP + value.length())
                    .withHeader(new Header("trace", value.getBytes(StandardCharsets.UTF_8)))));
        }
        template.flush();
        registry.start("failing-batches");
        registry.start("named-batches");

        await().atMost(Duration.ofSeconds(60)).until(() -> TopicContents.of(client, "batch-failing.DLT").size() >= 1
                && TopicContents.of(client, "batch-named.DLT").size() >= 1);
        List<String> good = values.stream().filter(value -> value.startsWith("good")).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.failingProcessed.size() >= 9
                && receiver.namedCalls.stream().anyMatch(call -> call.contains("good-9") && !call.contains("bad-5")));
        assertThat(TopicContents.of(client, "batch-failing.DLT")).extracting(Message::valueAsString)
                .containsExactly("bad-5");
        assertThat(TopicContents.of(client, "batch-named.DLT")).extracting(Message::valueAsString)
                .containsExactly("bad-5");
        assertThat(TopicContents.of(client, "batch-failing.DLT"))
                .as("the same copy as a record listener's: partition, timestamp, headers")
                .extracting(Message::partitionId, Message::timestamp, copy -> copy.headers().get(0).key(),
                        copy -> new String(copy.headers().get(0).value(), StandardCharsets.UTF_8))
                .containsExactly(tuple(0, TIMESTAMP + 5, "trace", "bad-5"));
        assertThat(receiver.failingProcessed).as("each good record processed once, in order").containsExactlyElementsOf(good);
        assertThat(receiver.failingCalls).as("2 attempts of the batch, then one at a time up to the failing record"
                + " (2 attempts of it), then the rest as a batch").startsWith(values, values,
                List.of("good-0"), List.of("good-1"), List.of("good-2"), List.of("good-3"), List.of("good-4"),
                List.of("bad-5"), List.of("bad-5"), values.subList(6, 10));
        assertThat(receiver.namedCalls).as("2 attempts of the batch, then the records after the one it named")
                .containsExactly(values, values, values.subList(6, 10));
        awaitCommitted("batch-failing", "failing-batch-group", client.topic("batch-failing").latestOffsets());
        awaitCommitted("batch-named", "named-batch-group", client.topic("batch-named").latestOffsets());
    }

    @Test
    void acknowledgedRecordsAreCommittedNeverPastAnUnacknowledgedOneAndANackRedeliversAfterItsPause() {
        IntStream.range(0, 10).forEach(i -> template.send("ack-records", "r" + i));
        template.flush();
        registry.start("acks");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.acked.size() >= 11);
        assertThat(receiver.acked).as("r3 nacked once, then delivered again, then the rest in order")
                .containsExactly("r0", "r1", "r2", "r3", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(receiver.redeliveredAfterMillis).as("re-delivered after the nack's pause").isGreaterThanOrEqualTo(300);
        awaitCommitted("ack-records", "ack-group", Map.of(0, 7L));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> committedSum("ack-records", "ack-group") == 7);
        registry.stop("acks");
        assertThat(committedSum("ack-records", "ack-group")).as("stopping commits no more than was acknowledged")
                .isEqualTo(7);
    }

    @Test
    void aBatchListenerAcknowledgesTheWholeBatchOrNacksFromAnIndex() {
        IntStream.range(0, 10).forEach(i -> template.send("ack-batches", "b" + i));
        template.flush();
        registry.start("batch-acks");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.batchAcked.stream().mapToInt(List::size).sum() >= 14);
        List<String> all = IntStream.range(0, 10).mapToObj(i -> "b" + i).toList();
        assertThat(receiver.batchAcked.get(0)).as("the first batch, nacked at index 4").isEqualTo(all);
        assertThat(receiver.batchAcked.stream().skip(1).flatMap(List::stream).toList())
                .as("re-delivered from b4 on, once").isEqualTo(all.subList(4, 10));
        awaitCommitted("ack-batches", "batch-ack-group", Map.of(0, 10L));
    }

    @Test
    void aRebalanceCommitsOnlyWhatWasAcknowledged() {
        IntStream.range(0, 10).forEach(i -> template.send("ack-balanced", "a" + i));
        template.flush();
        registry.start("balanced-acks");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.balancedAcked.size() >= 10);
        awaitCommitted("ack-balanced", "balanced-ack-group", Map.of(0, 7L));

        try (BalancedMultiTopicConsumer joining = client.balancedConsumer(ConsumerConfig.builder()
                .consumerGroup("balanced-ack-group").managed(true).build(), List.of("ack-balanced"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> revokes.of("balanced-acks") >= 1);
            assertThat(committedSum("ack-balanced", "balanced-ack-group"))
                    .as("the revoke commits what was acknowledged, not the 10 records consumed").isEqualTo(7);
        }
    }

    private void awaitCommitted(String topic, String group, Map<Integer, Long> expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (SimpleConsumer consumer = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                    .consumerGroup(group).build())) {
                assertThat(consumer.fetchOffsets()).as("committed offsets of %s for %s", topic, group).isEqualTo(expected);
            }
        });
    }

    private long committedSum(String topic, String group) {
        try (SimpleConsumer consumer = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                .consumerGroup(group).build())) {
            return consumer.fetchOffsets().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    record Order(int id) {
    }

    static class Receiver {
        final List<String> batched = new CopyOnWriteArrayList<>();
        final List<Message> batchedMessages = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        volatile CountDownLatch holdNextBatch;
        volatile boolean holding;
        final Set<Integer> orders = ConcurrentHashMap.newKeySet();
        final List<Integer> orderDuplicates = new CopyOnWriteArrayList<>();
        final List<List<String>> failingCalls = new CopyOnWriteArrayList<>();
        final List<String> failingProcessed = new CopyOnWriteArrayList<>();
        final List<List<String>> namedCalls = new CopyOnWriteArrayList<>();
        final List<String> acked = new CopyOnWriteArrayList<>();
        volatile long nackedAt;
        volatile long redeliveredAfterMillis = -1;
        final List<List<String>> batchAcked = new CopyOnWriteArrayList<>();
        final List<String> balancedAcked = new CopyOnWriteArrayList<>();

        @TopicListener(id = "balanced-acks", topics = "ack-balanced", group = "balanced-ack-group",
                mode = TopicListener.Mode.BALANCED, autoStartup = "false")
        void balancedAcks(String value, Acknowledgment acknowledgment) {
            balancedAcked.add(value);
            if (Integer.parseInt(value.substring(1)) < 7) {
                acknowledgment.acknowledge();
            }
        }

        @TopicListener(id = "batches", topics = {"batch-a", "batch-b"}, group = "batch-group", autoStartup = "false")
        void batches(List<Message> messages) throws InterruptedException {
            CountDownLatch hold = holdNextBatch;
            if (hold != null) {
                holding = true;
                hold.await(30, TimeUnit.SECONDS);
                holdNextBatch = null;
            }
            batchSizes.add(messages.size());
            batchedMessages.addAll(messages);
            messages.stream().filter(message -> !message.valueAsString().startsWith("held"))
                    .forEach(message -> batched.add(message.valueAsString()));
        }

        @TopicListener(id = "json-batches", topics = "batch-json", group = "json-batch-group",
                mode = TopicListener.Mode.BALANCED, concurrency = "2", maxBatchSize = "20")
        void jsonBatches(List<Order> batch) {
            assertThat(batch.size()).isLessThanOrEqualTo(20);
            batch.forEach(order -> {
                if (!orders.add(order.id())) {
                    orderDuplicates.add(order.id());
                }
            });
        }

        @TopicListener(id = "failing-batches", topics = "batch-failing", group = "failing-batch-group",
                autoStartup = "false")
        void failingBatches(List<String> batch) {
            failingCalls.add(List.copyOf(batch));
            if (batch.contains("bad-5")) {
                throw new IllegalStateException("cannot process bad-5");
            }
            failingProcessed.addAll(batch);
        }

        @TopicListener(id = "named-batches", topics = "batch-named", group = "named-batch-group", autoStartup = "false")
        void namedBatches(List<String> batch) {
            namedCalls.add(List.copyOf(batch));
            int bad = batch.indexOf("bad-5");
            if (bad >= 0) {
                throw new BatchListenerFailedException(bad, new IllegalStateException("cannot process bad-5"));
            }
        }

        @TopicListener(id = "acks", topics = "ack-records", group = "ack-group", autoStartup = "false")
        void acks(String value, Acknowledgment acknowledgment) {
            acked.add(value);
            if (value.equals("r3") && nackedAt == 0) {
                nackedAt = System.nanoTime();
                acknowledgment.nack(Duration.ofMillis(300));
                return;
            }
            if (value.equals("r3")) {
                redeliveredAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nackedAt);
            }
            if (Integer.parseInt(value.substring(1)) < 7) {
                acknowledgment.acknowledge();
            }
        }

        @TopicListener(id = "batch-acks", topics = "ack-batches", group = "batch-ack-group", autoStartup = "false")
        void batchAcks(List<String> batch, Acknowledgment acknowledgment) {
            batchAcked.add(List.copyOf(batch));
            if (batchAcked.size() == 1) {
                acknowledgment.nack(4, Duration.ofMillis(100));
            } else {
                acknowledgment.acknowledge();
            }
        }
    }

    static class Revokes implements ApplicationListener<ListenerContainerEvent> {
        final Map<String, Integer> byListener = new ConcurrentHashMap<>();

        @Override
        public void onApplicationEvent(ListenerContainerEvent event) {
            if (event instanceof ListenerContainerEvent.PartitionsRevoked revoked && !revoked.partitions().isEmpty()) {
                byListener.merge(revoked.container().listenerId(), 1, Integer::sum);
            }
        }

        int of(String listener) {
            return byListener.getOrDefault(listener, 0);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SmartInitializingSingleton topics(KafkaClient client) {
            return () -> {
                client.createTopic("batch-a", 2, 1);
                client.createTopic("batch-b", 1, 1);
                client.createTopic("batch-json", 4, 1);
                client.createTopic("batch-failing", 1, 1);
                client.createTopic("batch-named", 1, 1);
                client.createTopic("ack-records", 1, 1);
                client.createTopic("ack-batches", 1, 1);
                client.createTopic("ack-balanced", 1, 1);
            };
        }

        @Bean
        Receiver receiver() {
            return new Receiver();
        }

        @Bean
        Revokes revokes() {
            return new Revokes();
        }
    }
}

package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.DeliveryListener;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.health.GregorHealthIndicator;
import dev.gregor.spring.listener.internal.DeadLetterPublisher;
import dev.gregor.spring.support.TopicContents;
import dev.gregor.spring.test.EmbeddedGregorCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

@SpringBootTest(properties = {"gregor.listener.max-attempts=2", "gregor.listener.retry-backoff=10ms",
        "gregor.listener.commit-interval=200ms", "test.balanced-topic=it-balanced", "gregor.metadata-max-age=1s"})
@EmbeddedGregorCluster
class TopicListenerIntegrationTests {

    static final long SEEK_BASE_TIME = System.currentTimeMillis() - 60_000;

    @Autowired
    TopicTemplate template;
    @Autowired
    Receiver receiver;
    @Autowired
    Deliveries deliveries;
    @Autowired
    KafkaClient client;
    @Autowired
    TopicListenerRegistry registry;
    @Autowired
    GregorHealthIndicator health;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Events events;
    @Autowired
    Positioned positioned;
    @Autowired
    Seeking seeking;
    @Autowired
    SeekingBalanced seekingBalanced;

    @Test
    void simpleListenerGetsEveryRecordOnceWithKeyPartitionAndOffsetAndResumesAfterAStop() {
        List<CompletableFuture<DeliveryReport>> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sent.add(template.send("it-simple", "key-" + i, "value-" + i));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.simple.size() >= 500);
        registry.stop("simple");
        registry.start("simple");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.simple.size() >= 2_000);
        assertThat(receiver.simpleDuplicates).as("records delivered twice").isEmpty();
        assertThat(receiver.simple).hasSize(2_000);
        assertThat(receiver.keysMatch).as("keys match values").isTrue();
        assertThat(deliveries.delivered.get()).isGreaterThanOrEqualTo(2_000);
        assertThat(meters.get("gregor.consumer.records").tag("listener", "simple").counter().count()).isEqualTo(2_000);
    }

    @Test
    void balancedListenersShareTheTopicAndMapJson() {
        for (int i = 0; i < 1_000; i++) {
            template.send("it-balanced", "customer-" + (i % 10), new Order(i, "customer-" + (i % 10)));
        }
        template.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.orders.size() >= 1_000);
        assertThat(receiver.orders).hasSize(1_000);
        assertThat(receiver.orderDuplicates).isEmpty();
        assertThat(events.assigned.stream().flatMap(Set::stream).distinct().count()).isEqualTo(4);
    }

    @Test
    void oneBalancedListenerOverTwoTopicsGetsEveryRecordOnceWithItsTopic() {
        for (int i = 0; i < 600; i++) {
            String topic = i % 3 == 0 ? "it-multi-b" : "it-multi-a";
            template.send(topic, "key-" + i, topic + "/" + i);
        }
        template.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.multi.size() >= 600);
        assertThat(receiver.multi).hasSize(600);
        assertThat(receiver.multiDuplicates).as("records delivered twice").isEmpty();
        assertThat(receiver.multiTopicsMatch).as("@Topic names the topic each record was sent to").isTrue();
        assertThat(registry.containers("multi")).as("one container per unit of concurrency, not per topic").hasSize(2);
        assertThat(registry.containers("multi").stream().flatMap(container -> container.assignment().stream()))
                .as("the group shares both topics' partitions").containsExactlyInAnyOrder(
                        TopicPartition.of("it-multi-a", 0), TopicPartition.of("it-multi-a", 1),
                        TopicPartition.of("it-multi-a", 2), TopicPartition.of("it-multi-b", 0));
        assertThat(meters.get("gregor.consumer.records").tag("listener", "multi").tag("topic", "it-multi-b").counter()
                .count()).as("records counted under their own topic").isEqualTo(200);
    }

    @Test
    void aPatternListenerReadsEveryMatchingTopicAlsoOneCreatedAfterItStarted() {
        for (int i = 0; i < 100; i++) {
            template.send("it-pattern-early", "early-" + i);
        }
        template.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.pattern.size() >= 100);

        client.createTopic("it-pattern-late", 2, 1);
        for (int i = 0; i < 100; i++) {
            template.send("it-pattern-late", "late-" + i);
        }
        template.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.pattern.size() >= 200);
        assertThat(receiver.pattern).hasSize(200);
        assertThat(receiver.patternDuplicates).as("records delivered twice").isEmpty();
        assertThat(receiver.patternTopicsMatch).as("@Topic names the topic each record was sent to").isTrue();
        assertThat(registry.containers("pattern").get(0).topics()).contains("it-pattern-early", "it-pattern-late")
                .doesNotContain("it-simple");
    }

    @Test
    void failingRecordsAreRetriedThenDeadLetteredAndCommittedPast() {
        for (int i = 0; i < 20; i++) {
            template.sendSync("it-failing", i % 5 == 0 ? "bad-" + i : "good-" + i);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> TopicContents.of(client, "it-failing.DLT").size() >= 4);
        List<Message> dead = TopicContents.of(client, "it-failing.DLT");
        assertThat(dead).extracting(Message::valueAsString).containsExactlyInAnyOrder("bad-0", "bad-5", "bad-10", "bad-15");
        assertThat(dead.get(0).header(DeadLetterPublisher.EXCEPTION_MESSAGE).valueAsString()).startsWith("cannot process bad-");
        assertThat(dead.get(0).header(DeadLetterPublisher.ORIGINAL_TOPIC).valueAsString()).isEqualTo("it-failing");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.good.size() >= 16);
        assertThat(receiver.good).hasSize(16);
        assertThat(receiver.attempts.get("bad-0")).as("attempts of a failing record").isEqualTo(2);
        assertThat(receiver.attempts.get("good-1")).as("attempts of a good record").isEqualTo(1);

        Map<Integer, Long> ends = client.topic("it-failing").latestOffsets();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (SimpleConsumer group = client.topic("it-failing").simpleConsumer(ConsumerConfig.builder()
                    .consumerGroup("failing").build())) {
                assertThat(group.fetchOffsets()).as("committed past every processed or dead-lettered record").isEqualTo(ends);
            }
        });
    }

    @Test
    void aPoisonPillGoesStraightToTheDeadLetterTopic() {
        template.sendSync("it-json", new Order(1, "a"));
        template.sendSync("it-json", "not json at all");
        template.sendSync("it-json", new Order(2, "b"));

        await().atMost(Duration.ofSeconds(60)).until(() -> TopicContents.of(client, "it-json.DLT").size() >= 1);
        List<Message> poison = TopicContents.of(client, "it-json.DLT");
        assertThat(poison).extracting(Message::valueAsString).containsExactly("not json at all");
        assertThat(poison.get(0).header(DeadLetterPublisher.EXCEPTION_CLASS).valueAsString()).endsWith("ValueConversionException");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.jsonOrders.size() >= 2);
        assertThat(receiver.jsonOrders).containsExactly(1, 2);
    }

    @Test
    void zookeeperBalancedListenersShareTheTopic() {
        for (int i = 0; i < 300; i++) {
            template.send("it-zookeeper", "key-" + i, "z-" + i);
        }
        template.flush();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.zookeeper.size() >= 300);
        assertThat(receiver.zookeeper).hasSize(300);
        assertThat(receiver.zookeeperDuplicates).isEmpty();
        assertThat(registry.containers("zookeeper")).hasSize(2)
                .allSatisfy(container -> assertThat(container.assignment()).hasSize(2));
    }

    @Test
    void aSimpleListenerStartsAtItsInitialOffsetsEachTimeItStarts() {
        List<String> firstRun = List.of("0:0", "0:1", "0:2", "0:3", "0:4", "1:3", "1:4");
        await().atMost(Duration.ofSeconds(60)).until(() -> positioned.read.size() >= firstRun.size());
        assertThat(positioned.read).containsExactlyInAnyOrderElementsOf(firstRun);

        registry.stop("positioned");
        registry.start("positioned");

        await().atMost(Duration.ofSeconds(60)).until(() -> positioned.read.size() >= 2 * firstRun.size());
        assertThat(positioned.read.subList(firstRun.size(), positioned.read.size()))
                .containsExactlyInAnyOrderElementsOf(firstRun);
    }

    @Test
    void aSeekAwareListenerSeeksOnAssignmentAndLaterFromAnotherThread() {
        TopicPartition partition = TopicPartition.of("it-seek", 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> seeking.offsets.size() >= 3);
        assertThat(seeking.offsets).containsExactly(2L, 3L, 4L);

        seeking.callback.seekToTimestamp(List.of(partition), SEEK_BASE_TIME + 1_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> seeking.offsets.size() >= 7);
        seeking.callback.seekToBeginning(List.of(partition));
        await().atMost(Duration.ofSeconds(60)).until(() -> seeking.offsets.size() >= 12);

        assertThat(seeking.offsets).containsExactly(2L, 3L, 4L, 1L, 2L, 3L, 4L, 0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aBalancedSeekAwareListenerGetsNoRecordBeforeItsSeekOnAssignment() {
        await().atMost(Duration.ofSeconds(60)).until(() -> seekingBalanced.read.size() >= 4);
        assertThat(seekingBalanced.read).containsExactlyInAnyOrder("0:1", "0:2", "1:1", "1:2");
    }

    @Test
    void healthIsUpWithEveryContainer() {
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.containers().stream().allMatch(ListenerContainer::isRunning));
        var result = health.health(true);
        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat((List<?>) result.getDetails().get("containers")).hasSize(registry.containers().size());
    }

    record Order(int id, String customer) {
    }

    static class Receiver {
        final Set<String> simple = ConcurrentHashMap.newKeySet();
        final List<String> simpleDuplicates = new CopyOnWriteArrayList<>();
        volatile boolean keysMatch = true;
        final Set<Integer> orders = ConcurrentHashMap.newKeySet();
        final List<Integer> orderDuplicates = new CopyOnWriteArrayList<>();
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        final Set<String> good = ConcurrentHashMap.newKeySet();
        final List<Integer> jsonOrders = new CopyOnWriteArrayList<>();
        final Set<String> multi = ConcurrentHashMap.newKeySet();
        final List<String> multiDuplicates = new CopyOnWriteArrayList<>();
        volatile boolean multiTopicsMatch = true;
        final Set<String> pattern = ConcurrentHashMap.newKeySet();
        final List<String> patternDuplicates = new CopyOnWriteArrayList<>();
        volatile boolean patternTopicsMatch = true;
        final Set<String> zookeeper = ConcurrentHashMap.newKeySet();
        final List<String> zookeeperDuplicates = new CopyOnWriteArrayList<>();

        @TopicListener(id = "zookeeper", topics = "it-zookeeper", mode = TopicListener.Mode.BALANCED,
                coordinator = TopicListener.Coordinator.ZOOKEEPER, group = "zookeeper-group", concurrency = "2")
        void zookeeper(String value) {
            if (!zookeeper.add(value)) {
                zookeeperDuplicates.add(value);
            }
        }

        @TopicListener(id = "multi", topics = {"it-multi-a", "it-multi-b"}, mode = TopicListener.Mode.BALANCED,
                group = "multi-group", concurrency = "2")
        void multi(String value, @Topic String topic) {
            multiTopicsMatch &= value.startsWith(topic + "/");
            if (!multi.add(value)) {
                multiDuplicates.add(value);
            }
        }

        @TopicListener(id = "pattern", topicPattern = "it-pattern-.*", group = "pattern-group")
        void pattern(String value, @Topic String topic) {
            patternTopicsMatch &= topic.equals(value.startsWith("early-") ? "it-pattern-early" : "it-pattern-late");
            if (!pattern.add(value)) {
                patternDuplicates.add(value);
            }
        }

        @TopicListener(id = "simple", topics = "it-simple", group = "simple-group")
        void simple(String value, @Key String key, @PartitionId int partition, @Offset long offset, Message message) {
            keysMatch &= key.substring(4).equals(value.substring(6)) && message.partitionId() == partition
                    && message.offset() == offset;
            if (!simple.add(value)) {
                simpleDuplicates.add(value);
            }
        }

        @TopicListener(id = "balanced", topics = "${test.balanced-topic}", mode = TopicListener.Mode.BALANCED,
                concurrency = "2")
        void balanced(Order order) {
            if (!orders.add(order.id())) {
                orderDuplicates.add(order.id());
            }
        }

        @TopicListener(id = "failing", topics = "it-failing", group = "failing")
        void failing(byte[] value) {
            String text = new String(value, StandardCharsets.UTF_8);
            attempts.merge(text, 1, Integer::sum);
            if (!text.startsWith("good")) {
                throw new IllegalArgumentException("cannot process " + text);
            }
            good.add(text);
        }

        @TopicListener(id = "json", topics = "it-json", group = "json")
        void json(Order order) {
            jsonOrders.add(order.id());
        }
    }

    static class Positioned {
        final List<String> read = new CopyOnWriteArrayList<>();

        @TopicListener(id = "positioned", topics = "it-positioned", initialOffsets = "1=3")
        void positioned(String value, @PartitionId int partition, @Offset long offset) {
            read.add(partition + ":" + offset);
        }
    }

    static class Seeking implements SeekAware {
        final List<Long> offsets = new CopyOnWriteArrayList<>();
        volatile SeekCallback callback;

        @Override
        public void registerSeekCallback(SeekCallback registered) {
            callback = registered;
        }

        @Override
        public void onPartitionsAssigned(Set<TopicPartition> partitions, SeekCallback assigned) {
            partitions.forEach(partition -> assigned.seek(partition, 2));
        }

        @TopicListener(id = "seeking", topics = "it-seek")
        void seeking(String value, @Offset long offset) {
            offsets.add(offset);
        }
    }

    static class SeekingBalanced implements SeekAware {
        final List<String> read = new CopyOnWriteArrayList<>();

        @Override
        public void onPartitionsAssigned(Set<TopicPartition> partitions, SeekCallback callback) {
            partitions.forEach(partition -> callback.seek(partition, 1));
        }

        @TopicListener(id = "seekingBalanced", topics = "it-seek-balanced", mode = TopicListener.Mode.BALANCED,
                group = "seeking-balanced")
        void seekingBalanced(String value, @PartitionId int partition, @Offset long offset) {
            read.add(partition + ":" + offset);
        }
    }

    static class Deliveries implements DeliveryListener {
        final AtomicInteger delivered = new AtomicInteger();

        @Override
        public void delivered(DeliveryReport report) {
            delivered.incrementAndGet();
        }
    }

    static class Events implements ApplicationListener<ListenerContainerEvent> {
        final List<Set<TopicPartition>> assigned = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ListenerContainerEvent event) {
            if (event instanceof ListenerContainerEvent.PartitionsAssigned assignment
                    && assignment.container().listenerId().equals("balanced")) {
                assigned.add(assignment.partitions());
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SmartInitializingSingleton topics(KafkaClient client) {
            return () -> {
                client.createTopic("it-simple", 3, 1);
                client.createTopic("it-balanced", 4, 1);
                client.createTopic("it-failing", 1, 1);
                client.createTopic("it-json", 1, 1);
                client.createTopic("it-zookeeper", 4, 1);
                client.createTopic("it-multi-a", 3, 1);
                client.createTopic("it-multi-b", 1, 1);
                client.createTopic("it-pattern-early", 2, 1);
                client.createTopic("it-positioned", 2, 1);
                client.createTopic("it-seek", 1, 1);
                client.createTopic("it-seek-balanced", 2, 1);
                try (Producer producer = client.producer(ProducerConfig.builder().sync(true).build())) {
                    for (int i = 0; i < 10; i++) {
                        producer.produce("it-positioned", ProducerRecord.of("p" + i).withPartition(i % 2));
                    }
                    for (int i = 0; i < 5; i++) {
                        producer.produce("it-seek", ProducerRecord.of("s" + i).withTimestamp(SEEK_BASE_TIME + i * 1_000L));
                    }
                    for (int i = 0; i < 6; i++) {
                        producer.produce("it-seek-balanced", ProducerRecord.of("b" + i).withPartition(i % 2));
                    }
                }
            };
        }

        @Bean
        Receiver receiver() {
            return new Receiver();
        }

        @Bean
        Positioned positioned() {
            return new Positioned();
        }

        @Bean
        Seeking seeking() {
            return new Seeking();
        }

        @Bean
        SeekingBalanced seekingBalanced() {
            return new SeekingBalanced();
        }

        @Bean
        Deliveries deliveries() {
            return new Deliveries();
        }

        @Bean
        Events events() {
            return new Events();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}

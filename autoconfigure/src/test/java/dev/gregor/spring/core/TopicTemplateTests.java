package dev.gregor.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.gregor.ClientClosedException;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaException;
import dev.gregor.Message;
import dev.gregor.UnknownTopicException;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

/** {@link TopicTemplate#send} never waits for Kafka, keeps call order, and bounds what waits for a topic lookup. */
@KafkaCluster
class TopicTemplateTests {

    private static final Duration API_TIMEOUT = Duration.ofSeconds(2);

    private final EmbeddedKafkaCluster cluster;

    TopicTemplateTests(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void sendReturnsAtOnceWhenNoBrokerAnswersAndTheFailureCompletesTheFutureAndTellsTheListeners() throws IOException {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void failed(String topic, Throwable error) {
                failures.add(error);
            }
        };
        try (KafkaClient client = unreachableClient()) {
            TopicTemplate template = template(client, ProducerConfig.defaults(), List.of(listener));
            long started = System.nanoTime();
            CompletableFuture<DeliveryReport> sent = template.send("nowhere", "value");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(API_TIMEOUT.dividedBy(4));
            assertThat(sent).isNotDone();
            await().atMost(API_TIMEOUT.multipliedBy(5)).until(sent::isDone);
            assertThat(sent).isCompletedExceptionally();
            assertThatThrownBy(sent::join).hasCauseInstanceOf(KafkaException.class);
            assertThat(failures).singleElement().isInstanceOf(KafkaException.class);
            template.destroy();
        }
    }

    @Test
    void recordsBeyondTheBoundFailAtOnceWhileTheLookupIsPending() throws IOException {
        try (KafkaClient client = unreachableClient()) {
            TopicTemplate template = template(client, ProducerConfig.builder().maxQueuedRecords(3).build(), List.of());
            List<CompletableFuture<DeliveryReport>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(template.send("nowhere", "v" + i));
            }
            CompletableFuture<DeliveryReport> refused = template.send("nowhere", "one too many");

            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause().isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("3 records already wait").hasMessageContaining("gregor.producer.max-queued-records");
            await().atMost(API_TIMEOUT.multipliedBy(5)).until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
            assertThat(waiting).allMatch(CompletableFuture::isCompletedExceptionally);
            template.destroy();
        }
    }

    @Test
    void recordsWaitingForTheirTopicFailWhenTheTemplateIsDestroyed() throws IOException {
        try (KafkaClient client = unreachableClient()) {
            TopicTemplate template = template(client, ProducerConfig.defaults(), List.of());
            CompletableFuture<DeliveryReport> sent = template.send("nowhere", "value");

            template.destroy();

            assertThat(sent).isCompletedExceptionally();
            assertThatThrownBy(sent::join).cause().isInstanceOf(ClientClosedException.class);
        }
    }

    @Test
    void sendSyncWaitsAtMostAboutTheApiTimeoutWhenNoBrokerAnswers() throws IOException {
        try (KafkaClient client = unreachableClient()) {
            TopicTemplate template = template(client, ProducerConfig.defaults(), List.of());
            long started = System.nanoTime();

            assertThatThrownBy(() -> template.sendSync("nowhere", "value")).isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(API_TIMEOUT.multipliedBy(2));
            template.destroy();
        }
    }

    @Test
    void recordsSentWhileTheTopicIsLookedUpAreProducedInCallOrder() {
        int count = 2_000;
        try (KafkaClient client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).build()) {
            client.createTopic("template-order", 1, 1);
            TopicTemplate template = template(client, ProducerConfig.defaults(), List.of());
            CompletableFuture<DeliveryReport> first = template.send("template-order", "0");
            List<CompletableFuture<DeliveryReport>> sent = new ArrayList<>(List.of(first));
            for (int i = 1; i < count; i++) {
                sent.add(template.send("template-order", String.valueOf(i)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            template.destroy();

            List<String> read = new ArrayList<>();
            try (SimpleConsumer consumer = client.topic("template-order").simpleConsumer(ConsumerConfig.builder()
                    .consumerTimeout(Duration.ofSeconds(2)).build())) {
                for (Message message : consumer) {
                    read.add(message.valueAsString());
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add(String.valueOf(i));
            }
            assertThat(read).containsExactlyElementsOf(expected);
            assertThat(sent).extracting(future -> future.join().offset())
                    .containsExactlyElementsOf(expected.stream().map(Long::valueOf).toList());
        }
    }

    @Test
    void sendsToThreeTopicsRunOnOneProducerThread() {
        try (KafkaClient client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).build()) {
            List<String> topics = List.of("template-all-a", "template-all-b", "template-all-c");
            topics.forEach(topic -> client.createTopic(topic, 1, 1));
            Set<String> before = senderThreads();
            TopicTemplate template = template(client, ProducerConfig.defaults(), List.of());
            List<CompletableFuture<DeliveryReport>> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sent.add(template.send(topics.get(i % 3), String.valueOf(i)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            Set<String> started = senderThreads();
            started.removeAll(before);
            template.destroy();

            assertThat(started).as("producer threads for three topics").hasSize(1);
            topics.forEach(topic -> assertThat(client.topic(topic).latestOffsets()).containsEntry(0, 10L));
        }
    }

    private static Set<String> senderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("gregor-producer-")).collect(Collectors.toSet());
    }

    @Test
    void aThrowingListenerNeitherChangesTheOutcomeNorKeepsTheOthersFromBeingTold() {
        DeliveryListener throwing = new DeliveryListener() {
            @Override
            public void delivered(DeliveryReport report) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void failed(String topic, Throwable error) {
                throw new IllegalStateException("listener bug");
            }
        };
        List<String> told = new CopyOnWriteArrayList<>();
        DeliveryListener recording = new DeliveryListener() {
            @Override
            public void delivered(DeliveryReport report) {
                told.add("delivered");
            }

            @Override
            public void failed(String topic, Throwable error) {
                told.add("failed " + error.getClass().getSimpleName());
            }
        };
        try (KafkaClient client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).build()) {
            client.createTopic("template-listeners", 1, 1);
            TopicTemplate template = template(client, ProducerConfig.defaults(), List.of(throwing, recording));

            CompletableFuture<DeliveryReport> delivered = template.send("template-listeners", "value");
            CompletableFuture<DeliveryReport> missing = template.send("template-listeners-missing", "value");

            assertThat(delivered.join().offset()).isZero();
            assertThatThrownBy(missing::join).cause().isInstanceOf(UnknownTopicException.class);
            assertThat(told).containsExactlyInAnyOrder("delivered", "failed UnknownTopicException");
            template.destroy();
        }
    }

    private static TopicTemplate template(KafkaClient client, ProducerConfig config, List<DeliveryListener> listeners) {
        return new TopicTemplate(client, config, new ValueSerializer(null), listeners, API_TIMEOUT, API_TIMEOUT);
    }

    /** A client of a port that was bound a moment ago and is closed now: nothing listens there. */
    static KafkaClient unreachableClient() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return KafkaClient.builder().bootstrapServers("127.0.0.1:" + port).apiTimeout(API_TIMEOUT).build();
    }
}

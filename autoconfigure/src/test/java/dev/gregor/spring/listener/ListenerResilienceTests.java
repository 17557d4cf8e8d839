package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.gregor.DeliveryException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.spring.autoconfigure.TopicListenerContainerFactoryConfigurer;
import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.autoconfigure.health.GregorHealthContributorAutoConfiguration;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.health.GregorHealthIndicator;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Containers and health when brokers are missing or go away, and pausing; on the run's shared cluster, whose broker
 * a test stops and starts again (and {@link #heal} makes sure of it).
 */
@KafkaCluster
class ListenerResilienceTests {

    private final EmbeddedKafkaCluster cluster;
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class,
                    GregorListenerAutoConfiguration.class, GregorHealthContributorAutoConfiguration.class))
            .withPropertyValues("gregor.embedded.enabled=false", "gregor.api-timeout=2s",
                    "gregor.listener.poll-timeout=100ms")
            .withBean(Received.class)
            .withBean(FailedEvents.class);

    ListenerResilienceTests(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.heal();
    }

    @Test
    void anApplicationStartsWhileNoBrokerAnswersAndItsContainersReportTheFailure() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1").run(context -> {
            assertThat(context).hasNotFailed();
            TopicListenerRegistry registry = context.getBean(TopicListenerRegistry.class);
            assertThat(registry.containers()).isNotEmpty().allMatch(ListenerContainer::isRunning);
            await().atMost(Duration.ofSeconds(30)).until(() -> !context.getBean(FailedEvents.class).events.isEmpty());
            assertThat(context.getBean(GregorHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void pausedContainersHoldRecordsUntilResumedAndHealthGoesDownWithTheBrokers() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers()).run(context -> {
            KafkaClient client = context.getBean(KafkaClient.class);
            client.createTopic("resilience", 1, 1);
            TopicListenerRegistry registry = context.getBean(TopicListenerRegistry.class);
            ListenerContainer container = registry.containers("resilience").get(0);
            Received received = context.getBean(Received.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !container.assignment().isEmpty());

            container.pause();
            TopicTemplate template = context.getBean(TopicTemplate.class);
            for (int i = 0; i < 10; i++) {
                template.sendSync("resilience", "v" + i);
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.values.isEmpty());
            container.resume();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.values.size() == 10);

            assertThat(context.getBean(GregorHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            cluster.stopBroker(0);
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> context.getBean(GregorHealthIndicator.class).health().getStatus().equals(Status.DOWN));
            } finally {
                cluster.startBroker(0);
            }
        });
    }

    @Test
    void closingTheApplicationWhileTheBrokerIsDownEndsWithinTheShutdownTimeoutsAndFailsWhatWasNotDelivered() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(),
                "gregor.producer.close-timeout=2s", "gregor.listener.shutdown-timeout=2s").run(context -> {
            context.getBean(KafkaClient.class).createTopicIfMissing("resilience", 1, 1);
            ListenerContainer container = context.getBean(TopicListenerRegistry.class).containers("resilience").get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> !container.assignment().isEmpty());
            TopicTemplate template = context.getBean(TopicTemplate.class);
            template.sendSync("resilience", "before");
            await().atMost(Duration.ofSeconds(30)).until(() -> context.getBean(Received.class).values.contains("before"));

            cluster.stopBroker(0);
            try {
                CompletableFuture<DeliveryReport> undeliverable = template.send("resilience", "after");
                long start = System.nanoTime();
                context.close();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(took).as("2 s for the containers, then 2 s for the producers, and the client's own close")
                        .isLessThan(Duration.ofSeconds(12));
                assertThat(undeliverable).isCompletedExceptionally();
                assertThatThrownBy(undeliverable::join).cause().isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("closed");
            } finally {
                cluster.startBroker(0);
            }
        });
    }

    @Test
    void aSecondFactoryWithoutDeadLettersStopsAtAFailingRecordWithoutCommittingPastIt() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers())
                .withUserConfiguration(StrictConfiguration.class).run(context -> {
                    KafkaClient client = context.getBean(KafkaClient.class);
                    client.createTopic("strict", 1, 1);
                    TopicTemplate template = context.getBean(TopicTemplate.class);
                    for (String value : List.of("good-0", "bad-1", "good-2")) {
                        template.sendSync("strict", value);
                    }
                    ListenerContainer container = context.getBean(TopicListenerRegistry.class).containers("strict").get(0);

                    await().atMost(Duration.ofSeconds(30)).until(() -> container.failure().isPresent() && !container.isRunning());
                    assertThat(context.getBean(Strict.class).values).containsExactly("good-0");
                    assertThat(context.getBean(GregorHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
                    try (SimpleConsumer group = client.topic("strict").simpleConsumer(
                            ConsumerConfig.builder().consumerGroup("strict").build())) {
                        assertThat(group.fetchOffsets()).as("committed up to the failing record").isEqualTo(Map.of(0, 1L));
                    }
                });
    }

    @Test
    void aBatchListenerInItsCallWhileTheBrokerGoesDownLosesNothingAndCommitsTheBatchOnceTheBrokerIsBack() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(),
                "gregor.listener.commit-interval=100ms").withBean(HeldBatches.class).run(context -> {
            KafkaClient client = context.getBean(KafkaClient.class);
            client.createTopicIfMissing("held-batches-down", 1, 1);
            HeldBatches batches = context.getBean(HeldBatches.class);
            CountDownLatch release = new CountDownLatch(1);
            batches.hold = release;
            TopicTemplate template = context.getBean(TopicTemplate.class);
            for (int i = 0; i < 20; i++) {
                template.send("held-batches-down", "v" + i);
            }
            template.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> batches.holding);

            cluster.stopBroker(0);
            try {
                release.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> !batches.holding);
            } finally {
                cluster.startBroker(0);
            }
            for (int i = 20; i < 30; i++) {
                template.send("held-batches-down", "v" + i);
            }
            template.flush();

            await().atMost(Duration.ofSeconds(60)).until(() -> batches.values.stream().distinct().count() == 30);
            awaitCommitted(client, "held-batches-down", "held-batches-down", 30);
            assertThat(batches.values).as("every record, in order; none handed out twice").containsExactlyElementsOf(
                    IntStream.range(0, 30).mapToObj(i -> "v" + i).toList());
        });
    }

    @Test
    void closingTheApplicationDuringABatchCallWaitsForItThenCommitsTheWholeBatch() throws Exception {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(),
                "gregor.listener.commit-interval=1h").withBean(HeldBatches.class).run(context -> {
            KafkaClient client = context.getBean(KafkaClient.class);
            client.createTopicIfMissing("held-batches-close", 1, 1);
            HeldBatches batches = context.getBean(HeldBatches.class);
            CountDownLatch release = new CountDownLatch(1);
            batches.hold = release;
            TopicTemplate template = context.getBean(TopicTemplate.class);
            for (int i = 0; i < 20; i++) {
                template.send("held-batches-close", "v" + i);
            }
            template.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> batches.holding);
            int inCall = batches.inCall;

            CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !closed.isDone());
            release.countDown();
            closed.get(30, TimeUnit.SECONDS);

            try (KafkaClient after = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).build();
                 SimpleConsumer group = after.topic("held-batches-close").simpleConsumer(
                         ConsumerConfig.builder().consumerGroup("held-batches-close").build())) {
                assertThat(group.fetchOffsets()).as("the batch in the call when the application closed, committed")
                        .isEqualTo(Map.of(0, (long) batches.values.size()));
            }
            assertThat(batches.values).hasSize(inCall).hasSizeGreaterThanOrEqualTo(1);
        });
    }

    private static void awaitCommitted(KafkaClient client, String topic, String group, long offset) {
        try (SimpleConsumer consumer = client.topic(topic).simpleConsumer(ConsumerConfig.builder().consumerGroup(group).build())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Map.of(0, offset).equals(consumer.fetchOffsets()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StrictConfiguration {

        @Bean
        TopicListenerContainerFactory strictFactory(TopicListenerContainerFactoryConfigurer configurer) {
            return configurer.create(configurer.settings().withDeadLetter(false).withMaxAttempts(1));
        }

        @Bean
        Strict strict() {
            return new Strict();
        }
    }

    static class Strict {
        final List<String> values = new CopyOnWriteArrayList<>();

        @TopicListener(id = "strict", topics = "strict", group = "strict", containerFactory = "strictFactory")
        void receive(String value) {
            if (value.startsWith("bad")) {
                throw new IllegalStateException("refusing " + value);
            }
            values.add(value);
        }
    }

    static class Received {
        final Set<String> values = ConcurrentHashMap.newKeySet();

        @TopicListener(id = "resilience", topics = "resilience", group = "resilience")
        void receive(String value) {
            values.add(value);
        }
    }

    /**
     * Batch listeners, one per test (topic and group of the same name), whose next call waits on {@link #hold} when
     * one is set.
     */
    static class HeldBatches {
        final List<String> values = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold;
        volatile boolean holding;
        volatile int inCall;

        @TopicListener(id = "held-batches-down", topics = "held-batches-down", group = "held-batches-down")
        void receiveWhileTheBrokerGoesDown(List<Message> batch) throws InterruptedException {
            receive(batch);
        }

        @TopicListener(id = "held-batches-close", topics = "held-batches-close", group = "held-batches-close")
        void receiveWhileTheApplicationCloses(List<Message> batch) throws InterruptedException {
            receive(batch);
        }

        private void receive(List<Message> batch) throws InterruptedException {
            CountDownLatch latch = hold;
            if (latch != null) {
                hold = null;
                inCall = batch.size();
                holding = true;
                latch.await();
            }
            batch.forEach(message -> values.add(message.valueAsString()));
            holding = false;
        }
    }

    static class FailedEvents implements ApplicationListener<ListenerContainerEvent.Failed> {
        final List<ListenerContainerEvent.Failed> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ListenerContainerEvent.Failed event) {
            events.add(event);
        }
    }
}

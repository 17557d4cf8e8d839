package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import dev.gregor.Backend;
import dev.gregor.BrokerUnavailableException;
import dev.gregor.KafkaClient;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.Topic;
import dev.gregor.support.BackgroundIteration;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing ends waiting consumers at once even when the closing itself has to wait: with the brokers down, the final
 * commits (and a managed member's leave) wait up to the API timeout, longer than an iteration may take to end. And
 * members started while the brokers are down neither hang nor stay broken. On the run's shared ZooKeeper cluster:
 * each test starts the broker it stopped again, and {@link #heal} makes sure of it.
 */
@KafkaCluster(zookeeper = true)
class ClosingWithBrokersDownTest {

    /** Longer than {@link BackgroundIteration}'s "promptly", so that waiting for a commit to fail is not enough. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(20);

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @AfterEach
    void heal(EmbeddedKafkaCluster cluster) {
        cluster.heal();
    }

    @Test
    void closingEachConsumerEndsItsIterationWhileTheBrokersAreDown(EmbeddedKafkaCluster cluster) {
        try (KafkaClient client = client(cluster)) {
            List<SimpleConsumer> consumers = consumersOf(client.createTopic("down-each", 2, 1), cluster, "each");
            List<BackgroundIteration> iterations = iterateAll(consumers);

            cluster.stopBroker(0);
            List<Thread> closing;
            try {
                closing = consumers.stream().map(consumer -> inBackground(consumer::close)).toList();

                iterations.forEach(BackgroundIteration::awaitEndedQuietly);
            } finally {
                cluster.startBroker(0);
            }
            await().atMost(API_TIMEOUT.multipliedBy(2)).until(() -> closing.stream().noneMatch(Thread::isAlive));
        }
    }

    @Test
    void closingTheClientEndsEveryIterationWhileTheBrokersAreDown(EmbeddedKafkaCluster cluster) {
        KafkaClient client = client(cluster);
        List<BackgroundIteration> iterations = iterateAll(consumersOf(client.createTopic("down-all", 2, 1), cluster, "all"));

        cluster.stopBroker(0);
        Thread closing;
        try {
            closing = inBackground(client::close);

            iterations.forEach(BackgroundIteration::awaitEndedQuietly);
        } finally {
            cluster.startBroker(0);
        }
        await().atMost(API_TIMEOUT.multipliedBy(6)).until(() -> !closing.isAlive());
    }

    /**
     * A member of several topics started while the brokers are down behaves as a member of one: with Kafka's
     * coordinator (named topics or a pattern) the start fails within the API timeout, saying the brokers cannot be
     * reached; through ZooKeeper (which is up) the member starts, and reads once the brokers are back.
     */
    @Test
    void aMultiTopicMemberStartedWhileTheBrokersAreDownFailsWithinTheApiTimeoutOrReadsOnceTheyAreBack(
            EmbeddedKafkaCluster cluster) {
        Duration apiTimeout = Duration.ofSeconds(3);
        List<String> topics = List.of("down-start-1", "down-start-2");
        try (KafkaClient client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers())
                .apiTimeout(apiTimeout).build()) {
            topics.forEach(topic -> {
                client.createTopic(topic, 2, 1);
                KafkaClientsWriter.write(cluster.bootstrapServers(), topic, 2, 0, 3, "none", System.currentTimeMillis());
            });
            ConsumerConfig.Builder config = ConsumerConfig.builder().backend(backend());
            ConsumerConfig managed = config.consumerGroup("down-start-managed").managed(true).build();
            BalancedMultiTopicConsumer viaZookeeper;
            cluster.stopBroker(0);
            try {
                for (Runnable start : List.<Runnable>of(() -> client.balancedConsumer(managed, topics),
                        () -> client.balancedConsumer(managed, Pattern.compile("down-start-.*")))) {
                    long started = System.nanoTime();
                    Throwable failure = catchThrowable(start::run);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(apiTimeout.plusSeconds(3));
                    assertThat(failure).satisfiesAnyOf(
                            timeout -> assertThat(timeout).isInstanceOf(KafkaTimeoutException.class)
                                    .hasMessageContaining("Check that the brokers are reachable"),
                            unreachable -> assertThat(unreachable).isInstanceOf(BrokerUnavailableException.class)
                                    .hasMessageContaining("Cannot reach any Kafka broker"));
                }
                viaZookeeper = client.balancedConsumer(config.consumerGroup("down-start-zookeeper").managed(false)
                        .zookeeperConnect(cluster.zookeeperConnect()).build(), topics);
            } finally {
                cluster.startBroker(0);
            }
            try (viaZookeeper) {
                for (int i = 0; i < 6; i++) {
                    assertThat(viaZookeeper.consume(Duration.ofSeconds(30))).as("record %d of 6", i).isNotNull();
                }
                assertThat(viaZookeeper.assignment()).hasSize(4);
            }
        }
    }

    private static KafkaClient client(EmbeddedKafkaCluster cluster) {
        return KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).apiTimeout(API_TIMEOUT).build();
    }

    /** A simple consumer, a managed member and a ZooKeeper member, each committing on close, none with a timeout. */
    private List<SimpleConsumer> consumersOf(Topic topic, EmbeddedKafkaCluster cluster, String group) {
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 2, 0, 3, "none", System.currentTimeMillis());
        ConsumerConfig.Builder config = ConsumerConfig.builder().backend(backend()).autoCommit(true);
        return List.of(
                topic.simpleConsumer(config.consumerGroup(group + "-simple").build()),
                topic.balancedConsumer(config.consumerGroup(group + "-managed").managed(true).build()),
                topic.balancedConsumer(config.consumerGroup(group + "-zookeeper").managed(false)
                        .zookeeperConnect(cluster.zookeeperConnect()).build()));
    }

    /** Starts iterating every consumer and waits until each has read the 3 records and waits for more. */
    private static List<BackgroundIteration> iterateAll(List<SimpleConsumer> consumers) {
        List<BackgroundIteration> iterations = consumers.stream().map(BackgroundIteration::of).toList();
        iterations.forEach(iteration -> iteration.awaitConsumed(3));
        return iterations;
    }

    private static Thread inBackground(Runnable action) {
        Thread thread = new Thread(action, "closing");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

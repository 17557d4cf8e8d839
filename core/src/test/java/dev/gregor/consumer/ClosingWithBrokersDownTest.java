package dev.gregor.consumer;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.support.BackgroundIteration;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing ends waiting consumers at once even when the closing itself has to wait: with the brokers down, the final
 * commits (and a managed member's leave) wait up to the API timeout, longer than an iteration may take to end. On the
 * run's shared ZooKeeper cluster: each test starts the broker it stopped again, and {@link #heal} makes sure of it.
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

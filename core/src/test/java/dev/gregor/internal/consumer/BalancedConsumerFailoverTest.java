package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3, isolated = true)
class BalancedConsumerFailoverTest {

    /** The engine under test; the kafka-clients backend's module runs this test again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @Test
    void managedMembersFollowTheCoordinatorWhenItsBrokerStops(EmbeddedKafkaCluster cluster) throws Exception {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers());
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Topic topic = client.createTopic("coordinator-move", 6, 3);
            ConsumerConfig config = ConsumerConfig.builder().backend(backend()).consumerGroup("movers").managed(true).autoCommit(true)
                    .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300)).build();
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            try (BalancedConsumer first = topic.balancedConsumer(config);
                 BalancedConsumer second = topic.balancedConsumer(config)) {
                Thread readers = readBoth(first, second, seen);
                await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() == 3 && second.assignment().size() == 3);
                int coordinator = coordinatorOf(admin);

                cluster.stopBroker(coordinator);
                try {
                    KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 6, 0, 3_000, "none", System.currentTimeMillis());
                    await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 3_000);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        assertThat(coordinatorOf(admin)).isNotEqualTo(coordinator);
                        assertThat(first.assignment()).hasSize(3);
                        assertThat(second.assignment()).hasSize(3).doesNotContainAnyElementsOf(first.assignment());
                    });
                } finally {
                    readers.interrupt();
                    cluster.startBroker(coordinator);
                }
            }
        }
    }

    private static int coordinatorOf(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of("movers")).all().get().get("movers").coordinator().id();
    }

    private static Thread readBoth(BalancedConsumer first, BalancedConsumer second, Set<Integer> seen) {
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (BalancedConsumer member : List.of(first, second)) {
                        Message message = member.consume(Duration.ofMillis(20));
                        if (message != null) {
                            seen.add(Integer.parseInt(message.valueAsString().substring("value-".length())));
                        }
                    }
                }
            } catch (dev.gregor.ClientClosedException closed) {
                // the test is over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

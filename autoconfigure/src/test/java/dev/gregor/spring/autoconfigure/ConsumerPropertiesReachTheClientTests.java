package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gregor.Backend;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.spring.listener.TopicListener;
import dev.gregor.spring.listener.TopicListenerRegistry;
import dev.gregor.spring.listener.internal.ConsumerContainer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each {@code gregor.consumer.*} property arrives in the configuration of the consumers the listener containers open
 * (no broker needed: the containers do not start).
 */
class ConsumerPropertiesReachTheClientTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class,
                    GregorListenerAutoConfiguration.class))
            .withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=127.0.0.1:1")
            .withBean(Listeners.class);

    @Test
    void group() {
        runner.withPropertyValues("gregor.consumer.group=billing").run(context ->
                assertThat(config(context, "simple", 0).consumerGroup()).contains("billing"));
    }

    @Test
    void autoOffsetReset() {
        runner.withPropertyValues("gregor.consumer.auto-offset-reset=LATEST").run(context ->
                assertThat(config(context, "simple", 0).autoOffsetReset()).isEqualTo(OffsetReset.LATEST));
    }

    @Test
    void zookeeperConnect() {
        runner.withBean(ZooKeeperListener.class).withPropertyValues("gregor.consumer.zookeeper-connect=127.0.0.1:2/app")
                .run(context -> assertThat(config(context, "zk", 0).zookeeperConnect()).contains("127.0.0.1:2/app"));
    }

    @Test
    void backend() {
        runner.withPropertyValues("gregor.consumer.backend=KAFKA_CLIENTS").run(context ->
                assertThat(config(context, "balanced", 0).backend()).isEqualTo(Backend.KAFKA_CLIENTS));
    }

    @Test
    void isolationLevel() {
        runner.withPropertyValues("gregor.consumer.isolation-level=READ_COMMITTED").run(context ->
                assertThat(config(context, "simple", 0).isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED));
    }

    @Test
    void sessionTimeoutWithTheHeartbeatFollowing() {
        runner.withPropertyValues("gregor.consumer.session-timeout=30s").run(context -> {
            ConsumerConfig config = config(context, "balanced", 0);
            assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        });
        runner.withPropertyValues("gregor.consumer.session-timeout=2s").run(context ->
                assertThat(config(context, "balanced", 0).heartbeatInterval()).isEqualTo(Duration.ofMillis(666)));
    }

    @Test
    void assignmentStrategy() {
        runner.withPropertyValues("gregor.consumer.assignment-strategy=roundrobin").run(context ->
                assertThat(config(context, "balanced", 0).assignmentStrategy().name()).isEqualTo("roundrobin"));
    }

    @Test
    void groupInstanceIdGivesEachBalancedContainerItsOwn() {
        runner.withPropertyValues("gregor.consumer.group-instance-id=host1").run(context -> {
            assertThat(config(context, "balanced", 0).groupInstanceId()).contains("host1-balanced-0");
            assertThat(config(context, "balanced", 1).groupInstanceId()).contains("host1-balanced-1");
            assertThat(config(context, "simple", 0).groupInstanceId()).isEmpty();
        });
    }

    @Test
    void fetchMinBytes() {
        runner.withPropertyValues("gregor.consumer.fetch-min-bytes=4096").run(context ->
                assertThat(config(context, "simple", 0).fetchMinBytes()).isEqualTo(4096));
    }

    @Test
    void fetchMaxBytes() {
        runner.withPropertyValues("gregor.consumer.fetch-max-bytes=2097152").run(context ->
                assertThat(config(context, "simple", 0).fetchMaxBytes()).isEqualTo(2_097_152));
    }

    @Test
    void maxPartitionFetchBytes() {
        runner.withPropertyValues("gregor.consumer.max-partition-fetch-bytes=65536").run(context ->
                assertThat(config(context, "simple", 0).maxPartitionFetchBytes()).isEqualTo(65_536));
    }

    @Test
    void maxPollInterval() {
        runner.withPropertyValues("gregor.consumer.max-poll-interval=90s").run(context ->
                assertThat(config(context, "balanced", 0).maxPollInterval()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void propertiesReachTheKafkaClientsBackend() {
        runner.withPropertyValues("gregor.consumer.backend=KAFKA_CLIENTS",
                "gregor.consumer.properties[receive.buffer.bytes]=262144").run(context ->
                assertThat(config(context, "simple", 0).kafkaClientsProperties())
                        .isEqualTo(Map.of("receive.buffer.bytes", "262144")));
    }

    static ConsumerConfig config(AssertableApplicationContext context, String listener, int container) {
        assertThat(context).hasNotFailed();
        List<?> containers = context.getBean(TopicListenerRegistry.class).containers(listener);
        return ((ConsumerContainer) containers.get(container)).consumerConfig();
    }

    static class Listeners {

        @TopicListener(id = "simple", topics = "t", autoStartup = "false")
        void simple(String value) {
        }

        @TopicListener(id = "balanced", topics = "t", mode = TopicListener.Mode.BALANCED, concurrency = "2",
                autoStartup = "false")
        void balanced(String value) {
        }
    }

    static class ZooKeeperListener {

        @TopicListener(id = "zk", topics = "t", mode = TopicListener.Mode.BALANCED,
                coordinator = TopicListener.Coordinator.ZOOKEEPER, autoStartup = "false")
        void zk(String value) {
        }
    }
}

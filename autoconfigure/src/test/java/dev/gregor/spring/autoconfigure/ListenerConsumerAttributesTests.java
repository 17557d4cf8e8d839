package dev.gregor.spring.autoconfigure;

import static dev.gregor.spring.autoconfigure.ConsumerPropertiesReachTheClientTests.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.IsolationLevel;
import dev.gregor.spring.listener.TopicListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A {@code @TopicListener}'s consumer attributes reach its containers' consumers over {@code gregor.consumer.*}, and a
 * bad one stops startup naming the listener and the attribute (or the property) the user wrote.
 */
class ListenerConsumerAttributesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class,
                    GregorListenerAutoConfiguration.class))
            .withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=127.0.0.1:1");

    @Test
    void attributesWinOverPropertiesAndTakePlaceholders() {
        runner.withBean(Tuned.class).withPropertyValues("gregor.consumer.isolation-level=READ_UNCOMMITTED",
                "gregor.consumer.session-timeout=30s", "gregor.consumer.fetch-min-bytes=1", "gregor.consumer.max-poll-interval=1m",
                "gregor.consumer.group-instance-id=other", "gregor.consumer.backend=KAFKA_CLIENTS",
                "gregor.consumer.properties[receive.buffer.bytes]=1", "gregor.consumer.properties[send.buffer.bytes]=2",
                "app.session=45s").run(context -> {
                    ConsumerConfig config = config(context, "tuned", 1);
                    assertThat(config.isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
                    assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(config.assignmentStrategy().name()).isEqualTo("roundrobin");
                    assertThat(config.groupInstanceId()).contains("billing-1");
                    assertThat(config.fetchMinBytes()).isEqualTo(2048);
                    assertThat(config.fetchMaxBytes()).isEqualTo(4096);
                    assertThat(config.maxPartitionFetchBytes()).isEqualTo(1024);
                    assertThat(config.maxPollInterval()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(config.kafkaClientsProperties()).isEqualTo(
                            Map.of("receive.buffer.bytes", "65536", "send.buffer.bytes", "2", "max.poll.records", "10"));
                });
    }

    @Test
    void aValueOutOfRangeNamesTheAttribute() {
        runner.withBean(ShortSession.class).run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("@TopicListener short: sessionTimeout").hasMessageContaining("1s to 10m"));
    }

    @Test
    void textThatIsNoDurationNamesTheAttribute() {
        runner.withBean(BadDuration.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("@TopicListener bad: maxPollInterval 'soon' is not a duration"));
    }

    @Test
    void groupSettingsOnASimpleListenerAreRefused() {
        runner.withBean(SimpleWithGroupSettings.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("@TopicListener simple: groupInstanceId, sessionTimeout cannot be set")
                .hasMessageContaining("mode = BALANCED"));
    }

    @Test
    void propertiesOnTheNativeBackendAreRefusedNamingTheAttribute() {
        runner.withBean(WithProperties.class).run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("@TopicListener props: properties [max.poll.records]")
                .hasMessageContaining("KAFKA_CLIENTS"));
    }

    @Test
    void aPropertyGregorDecidesNamesTheSettingToUse() {
        runner.withBean(WithSessionProperty.class).withPropertyValues("gregor.consumer.backend=KAFKA_CLIENTS")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("@TopicListener session: properties session.timeout.ms")
                        .hasMessageContaining("decided by sessionTimeout"));
    }

    @Test
    void badConsumerPropertiesNameTheProperty() {
        runner.withPropertyValues("gregor.consumer.assignment-strategy=sticky").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("gregor.consumer.assignment-strategy is invalid: sticky")
                        .hasMessageContaining("range or roundrobin"));
        runner.withPropertyValues("gregor.consumer.session-timeout=100ms").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gregor.consumer.session-timeout is invalid: 100ms (allowed: 1s to 10m)"));
        runner.withPropertyValues("gregor.consumer.properties[receive.buffer.bytes]=1").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gregor.consumer.properties is invalid: [receive.buffer.bytes]")
                        .hasStackTraceContaining("KAFKA_CLIENTS"));
    }

    @Test
    void initialOffsetsAreReadPerTopicOrForEveryTopic() {
        runner.withBean(Positioned.class).run(context -> assertThat(context).hasNotFailed());
        runner.withBean(PositionedBalanced.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("@TopicListener placed: initialOffsets apply to a SIMPLE listener"));
        runner.withBean(PositionedElsewhere.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("'c:0=5' names c-0, which the listener does not read"));
    }

    static class Tuned {
        @TopicListener(id = "tuned", topics = "t", mode = TopicListener.Mode.BALANCED, concurrency = "2",
                autoStartup = "false", isolationLevel = "read_committed", sessionTimeout = "${app.session}",
                assignmentStrategy = "roundrobin", groupInstanceId = "billing", fetchMinBytes = "2048",
                fetchMaxBytes = "4096", maxPartitionFetchBytes = "1024", maxPollInterval = "10m",
                properties = {"receive.buffer.bytes=65536", "max.poll.records=10"})
        void on(String value) {
        }
    }

    static class ShortSession {
        @TopicListener(id = "short", topics = "t", mode = TopicListener.Mode.BALANCED, autoStartup = "false",
                sessionTimeout = "100ms")
        void on(String value) {
        }
    }

    static class BadDuration {
        @TopicListener(id = "bad", topics = "t", mode = TopicListener.Mode.BALANCED, autoStartup = "false",
                maxPollInterval = "soon")
        void on(String value) {
        }
    }

    static class SimpleWithGroupSettings {
        @TopicListener(id = "simple", topics = "t", autoStartup = "false", sessionTimeout = "30s",
                groupInstanceId = "a")
        void on(String value) {
        }
    }

    static class WithProperties {
        @TopicListener(id = "props", topics = "t", autoStartup = "false", properties = "max.poll.records=10")
        void on(String value) {
        }
    }

    static class WithSessionProperty {
        @TopicListener(id = "session", topics = "t", autoStartup = "false", properties = "session.timeout.ms=30000")
        void on(String value) {
        }
    }

    static class Positioned {
        @TopicListener(id = "placed", topics = {"a", "b"}, autoStartup = "false", initialOffsets = {"0=5", "b:1=7"})
        void on(String value) {
        }
    }

    static class PositionedBalanced {
        @TopicListener(id = "placed", topics = "a", mode = TopicListener.Mode.BALANCED, autoStartup = "false",
                initialOffsets = "0=5")
        void on(String value) {
        }
    }

    static class PositionedElsewhere {
        @TopicListener(id = "placed", topics = "a", autoStartup = "false", initialOffsets = "c:0=5")
        void on(String value) {
        }
    }
}

package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.spring.autoconfigure.health.GregorHealthContributorAutoConfiguration;
import dev.gregor.spring.autoconfigure.metrics.GregorMetricsAutoConfiguration;
import dev.gregor.spring.core.RequestReplyTemplate;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.core.ValueDeserializer;
import dev.gregor.spring.health.GregorHealthIndicator;
import dev.gregor.spring.listener.RetryBackoff;
import dev.gregor.spring.listener.TopicListenerRegistry;
import dev.gregor.spring.metrics.GregorMeters;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GregorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GregorEmbeddedClusterAutoConfiguration.class,
                    GregorAutoConfiguration.class, GregorListenerAutoConfiguration.class,
                    GregorHealthContributorAutoConfiguration.class, GregorMetricsAutoConfiguration.class,
                    JacksonAutoConfiguration.class));

    @Test
    void bootstrapServersGiveAClientTemplateAndRegistryWithoutAnEmbeddedCluster() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1").run(context -> {
            assertThat(context).hasSingleBean(KafkaClient.class).hasSingleBean(TopicTemplate.class)
                    .hasSingleBean(TopicListenerRegistry.class).hasSingleBean(GregorHealthIndicator.class)
                    .doesNotHaveBean(EmbeddedKafkaCluster.class);
            assertThat(context.getBean(GregorConnectionDetails.class).getBootstrapServers()).isEqualTo("127.0.0.1:1");
        });
    }

    @Test
    void backendsAreChosenByProperty() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.producer.backend=KAFKA_CLIENTS",
                "gregor.consumer.backend=KAFKA_CLIENTS").run(context -> {
                    GregorProperties properties = context.getBean(GregorProperties.class);
                    assertThat(properties.getProducer().getBackend()).isEqualTo(Backend.KAFKA_CLIENTS);
                    assertThat(context.getBean(TopicListenerContainerFactoryConfigurer.class).settings().backend())
                            .isEqualTo(Backend.KAFKA_CLIENTS);
                });
    }

    @Test
    void theErrorHandlingPropertiesReachTheContainerSettingsAndTheirDefaultsKeepTheDoublingBackoff() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1").run(context ->
                assertThat(context.getBean(TopicListenerContainerFactoryConfigurer.class).settings())
                        .satisfies(settings -> {
                            assertThat(settings.retryBackoff()).isEqualTo(
                                    new RetryBackoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(30), 0));
                            assertThat(settings.notRetryable()).isEmpty();
                            assertThat(settings.revokeTimeout()).isEqualTo(Duration.ofSeconds(10));
                        }));
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.listener.retry-backoff=50ms",
                "gregor.listener.retry-backoff-multiplier=1.5", "gregor.listener.retry-backoff-max=2s",
                "gregor.listener.retry-backoff-jitter=0.1", "gregor.listener.revoke-timeout=3s",
                "gregor.listener.not-retryable=java.lang.IllegalArgumentException, java.io.IOException").run(context ->
                assertThat(context.getBean(TopicListenerContainerFactoryConfigurer.class).settings())
                        .satisfies(settings -> {
                            assertThat(settings.retryBackoff()).isEqualTo(
                                    new RetryBackoff(Duration.ofMillis(50), 1.5, Duration.ofSeconds(2), 0.1));
                            assertThat(settings.notRetryable()).containsExactlyInAnyOrder(
                                    IllegalArgumentException.class, IOException.class);
                            assertThat(settings.revokeTimeout()).isEqualTo(Duration.ofSeconds(3));
                        }));
    }

    @Test
    void withoutBootstrapServersOrTheTestkitTheFailureSaysWhatToSet() {
        runner.withClassLoader(new FilteredClassLoader(EmbeddedKafkaCluster.class)).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("gregor.bootstrap-servers is not set"));
    }

    @Test
    void embeddedClusterCanBeSwitchedOffExplicitly() {
        runner.withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=127.0.0.1:1")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedKafkaCluster.class));
    }

    @Test
    void aUsersOwnClientWins() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1")
                .withBean("myClient", KafkaClient.class, () -> KafkaClient.connect("127.0.0.1:2"))
                .run(context -> assertThat(context).hasSingleBean(KafkaClient.class).hasBean("myClient"));
    }

    @Test
    void theRequestReplyTemplateReadsRepliesFromATopicNamedForTheClientUnlessToldOtherwise() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.client-id=billing").run(context -> {
            RequestReplyTemplate requests = context.getBean(RequestReplyTemplate.class);
            assertThat(requests.replyTopic()).isEqualTo("billing.replies");
            assertThat(requests.replyTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.template.reply-topic=quotes.replies",
                "gregor.template.reply-timeout=2s").run(context -> {
                    RequestReplyTemplate requests = context.getBean(RequestReplyTemplate.class);
                    assertThat(requests.replyTopic()).isEqualTo("quotes.replies");
                    assertThat(requests.replyTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void aUsersOwnRequestReplyTemplateWins() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1").withUserConfiguration(OwnRequests.class)
                .run(context -> assertThat(context).hasSingleBean(RequestReplyTemplate.class).hasBean("ownRequests"));
    }

    @Test
    void aReplyTimeoutThatIsNotPositiveStopsStartupNamingTheProperty() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.template.reply-timeout=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(InvalidGregorPropertyException.class)
                        .hasMessageContainingAll("gregor.template.reply-timeout is invalid: 0", "a positive duration"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRequests {
        @Bean
        RequestReplyTemplate ownRequests(KafkaClient client, TopicTemplate template) {
            return new RequestReplyTemplate(client, template, new ValueDeserializer(null), "own.replies",
                    Duration.ofSeconds(1));
        }
    }

    @Test
    void customizersShapeTheClientInOrder() {
        AtomicInteger calls = new AtomicInteger();
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1")
                .withBean(GregorClientCustomizer.class, () -> builder -> calls.incrementAndGet())
                .run(context -> {
                    assertThat(context).hasSingleBean(KafkaClient.class);
                    assertThat(calls).hasValue(1);
                });
    }

    @Test
    void saslWithoutCredentialsFailsNamingTheProperty() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.security.protocol=SASL_SSL",
                        "gregor.sasl.mechanism=SCRAM_SHA_256")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("sasl username"));
    }

    @Test
    void oauthBearerWithoutATokenProviderFailsClearly() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "gregor.security.protocol=SASL_SSL",
                        "gregor.sasl.mechanism=OAUTHBEARER")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("OAuthBearerTokenProvider bean"));
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1", "management.health.gregor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(GregorHealthIndicator.class));
    }

    @Test
    void metersNeedAMeterRegistry() {
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1")
                .run(context -> assertThat(context).doesNotHaveBean(GregorMeters.class));
        runner.withPropertyValues("gregor.bootstrap-servers=127.0.0.1:1")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(GregorMeters.class));
    }
}

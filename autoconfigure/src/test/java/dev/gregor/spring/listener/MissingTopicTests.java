package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.COLLECTION;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gregor.KafkaClient;
import dev.gregor.UnknownTopicException;
import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.autoconfigure.health.GregorHealthContributorAutoConfiguration;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.health.GregorHealthIndicator;
import dev.gregor.spring.support.CapturedStandardError;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

/** Topics that do not exist: created with {@code gregor.auto-create-topics}, otherwise reported once and in health. */
@KafkaCluster
class MissingTopicTests {

    private final ApplicationContextRunner runner;

    MissingTopicTests(EmbeddedKafkaCluster cluster) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class,
                        GregorListenerAutoConfiguration.class, GregorHealthContributorAutoConfiguration.class))
                .withPropertyValues("gregor.embedded.enabled=false", "gregor.api-timeout=10s",
                        "gregor.listener.poll-timeout=100ms", "gregor.bootstrap-servers=" + cluster.bootstrapServers());
    }

    @Test
    void withAutoCreateTopicsTheTemplateAndListenersCreateTheTopicTheyUse() {
        runner.withPropertyValues("gregor.auto-create-topics=true").withBean(AutoCreated.class).run(context -> {
            TopicTemplate template = context.getBean(TopicTemplate.class);

            template.sendSync("auto-created-by-template", "sent");
            template.sendSync("auto-created-for-listener", "heard");

            assertThat(context.getBean(KafkaClient.class).topics())
                    .containsKeys("auto-created-by-template", "auto-created-for-listener");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> context.getBean(AutoCreated.class).values.contains("heard"));
        });
    }

    @Test
    void withoutAutoCreateTopicsASendToAMissingTopicFails() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(TopicTemplate.class)
                .sendSync("missing-for-template", "lost")).isInstanceOf(UnknownTopicException.class));
    }

    @Test
    void aContainerOfAMissingTopicWarnsOnceThenDebugsAndHealthIsDownWithTheReason() {
        try (CapturedStandardError captured = CapturedStandardError.start()) {
            runner.withBean(Missing.class).withBean(FailedEvents.class).run(context -> {
                FailedEvents failed = context.getBean(FailedEvents.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> failed.events.size() >= 3);

                List<String> warnings = captured.text().lines()
                        .filter(line -> line.contains("WARN") && line.contains("cannot consume never-created")).toList();
                assertThat(warnings).hasSize(1);
                Health health = context.getBean(GregorHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> containers = (List<Map<String, Object>>) health.getDetails().get("containers");
                assertThat(containers).singleElement().satisfies(container -> {
                    assertThat(container.get("topics")).asInstanceOf(COLLECTION).containsExactly("never-created");
                    assertThat(container.get("problem")).asString().contains("never-created");
                });
            });
        }
    }

    static class AutoCreated {
        final Set<String> values = ConcurrentHashMap.newKeySet();

        @TopicListener(id = "auto-created", topics = "auto-created-for-listener", group = "auto-created")
        void receive(String value) {
            values.add(value);
        }
    }

    static class Missing {
        @TopicListener(id = "missing", topics = "never-created", group = "missing")
        void receive(String value) {
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

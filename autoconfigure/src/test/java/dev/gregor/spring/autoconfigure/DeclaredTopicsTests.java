package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gregor.KafkaClient;
import dev.gregor.admin.Admin;
import dev.gregor.admin.ConfigEntry;
import dev.gregor.admin.TopicDescription;
import dev.gregor.admin.TopicSpec;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.TopicListener;
import dev.gregor.spring.support.CapturedStandardError;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Topics declared as {@link TopicSpec} beans: created at startup as declared, checked when they exist. */
@KafkaCluster
class DeclaredTopicsTests {

    private final EmbeddedKafkaCluster cluster;
    private final ApplicationContextRunner runner;

    DeclaredTopicsTests(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class,
                        GregorListenerAutoConfiguration.class))
                .withPropertyValues("gregor.embedded.enabled=false", "gregor.api-timeout=10s",
                        "gregor.listener.poll-timeout=100ms", "gregor.bootstrap-servers=" + cluster.bootstrapServers());
    }

    @Test
    void aMissingTopicIsCreatedAsDeclaredBeforeListenersStart() {
        String topic = unique("declared");
        runner.withBean("declaredTopic", TopicSpec.class,
                        () -> TopicSpec.of(topic, 3, 1).withConfig("retention.ms", "3600000"))
                .withBean(Heard.class, () -> new Heard()).withPropertyValues("listened.topic=" + topic)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TopicDescription created = context.getBean(Admin.class).describeTopic(topic);
                    assertThat(created.partitions()).hasSize(3);
                    assertThat(created.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
                    assertThat(value(created, "retention.ms")).contains("3600000");

                    context.getBean(TopicTemplate.class).sendSync(topic, "k", "first");
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> context.getBean(Heard.class).values.contains("first"));
                });
    }

    @Test
    void anExistingTopicIsLeftAsItIsWithAWarningForEachDifference() {
        String topic = unique("existing");
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            client.admin().createTopic(TopicSpec.of(topic, 2, 1).withConfig("retention.ms", "7200000"));
        }
        try (CapturedStandardError captured = CapturedStandardError.start()) {
            runner.withBean("ordersTopic", TopicSpec.class,
                    () -> TopicSpec.of(topic, 4, 1).withConfig("retention.ms", "3600000")).run(context -> {
                assertThat(context).hasNotFailed();
                TopicDescription unchanged = context.getBean(Admin.class).describeTopic(topic);
                assertThat(unchanged.partitions()).hasSize(2);
                assertThat(value(unchanged, "retention.ms")).contains("7200000");
            });
            List<String> warnings = captured.text().lines().filter(line -> line.contains("WARN")
                    && line.contains("'" + topic + "'")).toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings).anySatisfy(line -> assertThat(line)
                    .contains("has 2 partitions, fewer than the 4 bean 'ordersTopic' declares")
                    .contains("addPartitions(\"" + topic + "\", 4)"));
            assertThat(warnings).anySatisfy(line -> assertThat(line)
                    .contains("retention.ms=7200000, bean 'ordersTopic' declares 3600000"));
        }
    }

    @Test
    void aTopicTheBrokersRefuseFailsTheStartupNamingTheBeanAndTheReason() {
        String topic = unique("refused");
        runner.withBean("tooReplicated", TopicSpec.class, () -> TopicSpec.of(topic, 1, 3)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isNotNull();
            assertThat(messages(context.getStartupFailure()))
                    .contains("Topic '" + topic + "' declared by bean 'tooReplicated' could not be made ready")
                    .containsIgnoringCase("replication");
        });
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            assertThat(client.topics()).doesNotContainKey(topic);
        }
    }

    @Test
    void twoBeansDeclaringOneTopicDifferentlyFailTheStartup() {
        String topic = unique("twice");
        runner.withBean("first", TopicSpec.class, () -> TopicSpec.of(topic, 1, 1))
                .withBean("second", TopicSpec.class, () -> TopicSpec.of(topic, 2, 1)).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("Beans 'first' and 'second' declare topic '" + topic + "' differently");
                });
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            assertThat(client.topics()).doesNotContainKey(topic);
        }
    }

    @Test
    void theAdminBeanIsTheClientsOwn() {
        runner.run(context -> assertThat(context.getBean(Admin.class))
                .isSameAs(context.getBean(KafkaClient.class).admin()));
    }

    private static Optional<String> value(TopicDescription topic, String config) {
        return topic.configs().stream().filter(entry -> entry.name().equals(config)).findFirst()
                .flatMap(ConfigEntry::value);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable each = failure; each != null; each = each.getCause()) {
            all.append(each.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static class Heard {
        final List<String> values = new CopyOnWriteArrayList<>();

        @TopicListener(id = "declared-listener", topics = "${listened.topic}", group = "declared-listener")
        void receive(String value) {
            values.add(value);
        }
    }
}

package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class ConfigAdminTest {

    private static final String RETENTION = "log.retention.ms";

    private final KafkaClient client;
    private final Admin admin;

    ConfigAdminTest(EmbeddedKafkaCluster cluster) {
        this.client = KafkaClient.connect(cluster.bootstrapServers());
        this.admin = client.admin();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aTopicsConfigsAreSetDeletedBackToTheDefaultAndAppendedToAndSubtractedFrom() {
        String name = "admin-configs-" + UUID.randomUUID();
        admin.createTopic(TopicSpec.of(name, 1, 1));
        ConfigResource topic = ConfigResource.topic(name);
        ConfigEntry inherited = entry(topic, "retention.ms");
        assertThat(inherited.source()).isIn(ConfigSource.DEFAULT, ConfigSource.STATIC_BROKER);

        admin.alterConfig(topic, List.of(ConfigChange.set("retention.ms", "7200000"),
                ConfigChange.append("cleanup.policy", "compact")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(entry(topic, "retention.ms")).isEqualTo(
                    new ConfigEntry("retention.ms", Optional.of("7200000"), ConfigSource.TOPIC, false, false));
            assertThat(entry(topic, "cleanup.policy").value()).contains("delete,compact");
        });

        admin.alterConfig(topic, List.of(ConfigChange.delete("retention.ms"),
                ConfigChange.subtract("cleanup.policy", "delete")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(entry(topic, "retention.ms")).isEqualTo(inherited);
            assertThat(entry(topic, "cleanup.policy")).satisfies(entry -> {
                assertThat(entry.source()).isEqualTo(ConfigSource.TOPIC);
                assertThat(entry.value()).contains("compact");
            });
            assertThat(admin.describeTopic(name).overriddenConfigs()).extracting(ConfigEntry::name)
                    .containsExactly("cleanup.policy");
        });
    }

    @Test
    void oneBrokersConfigIsSetOnThatBrokerAlone() {
        ConfigResource one = ConfigResource.broker(1);
        try {
            admin.alterConfig(one, List.of(ConfigChange.set(RETENTION, "604800001")));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(entry(one, RETENTION))
                    .isEqualTo(new ConfigEntry(RETENTION, Optional.of("604800001"), ConfigSource.DYNAMIC_BROKER,
                            false, false)));
            assertThat(entry(ConfigResource.broker(2), RETENTION).value()).isNotEqualTo(Optional.of("604800001"));
            assertThat(entry(ConfigResource.broker(2), RETENTION).source()).isNotEqualTo(ConfigSource.DYNAMIC_BROKER);
        } finally {
            admin.alterConfig(one, List.of(ConfigChange.delete(RETENTION)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(entry(one, RETENTION).source()).isNotEqualTo(ConfigSource.DYNAMIC_BROKER));
    }

    @Test
    void everyBrokersDefaultIsSetForAllBrokers() {
        ConfigResource defaults = ConfigResource.brokerDefaults();
        try {
            admin.alterConfig(defaults, List.of(ConfigChange.set(RETENTION, "604800002")));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.describeConfig(defaults))
                    .filteredOn(entry -> entry.name().equals(RETENTION)).singleElement().satisfies(entry -> {
                        assertThat(entry.value()).contains("604800002");
                        assertThat(entry.source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER);
                    }));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(entry(ConfigResource.broker(2),
                    RETENTION)).isEqualTo(new ConfigEntry(RETENTION, Optional.of("604800002"),
                    ConfigSource.DYNAMIC_DEFAULT_BROKER, false, false)));
        } finally {
            admin.alterConfig(defaults, List.of(ConfigChange.delete(RETENTION)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.describeConfig(defaults)).extracting(ConfigEntry::name).doesNotContain(RETENTION));
    }

    @Test
    void aValueTheBrokersRefuseIsAnInvalidConfigNamingItAndTheirReason() {
        String name = "admin-config-refused-" + UUID.randomUUID();
        admin.createTopic(TopicSpec.of(name, 1, 1));

        assertThatThrownBy(() -> admin.alterConfig(ConfigResource.topic(name),
                List.of(ConfigChange.set("retention.ms", "soon"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("retention.ms of topic '" + name + "': soon")
                .hasMessageContaining("INVALID_CONFIG");
        assertThatThrownBy(() -> admin.alterConfig(ConfigResource.broker(1), List.of(ConfigChange.set(RETENTION,
                "soon")))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(RETENTION + " of broker 1: soon");
        assertThat(entry(ConfigResource.topic(name), "retention.ms").value()).isNotEqualTo(Optional.of("soon"));
    }

    @Test
    void aBrokerThatDoesNotExistIsAClearError() {
        assertThatThrownBy(() -> admin.describeConfig(ConfigResource.broker(42)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("broker id: 42").hasMessageContaining("[0, 1, 2]");
        assertThatThrownBy(() -> admin.alterConfig(ConfigResource.broker(42),
                List.of(ConfigChange.set(RETENTION, "1000")))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("broker id: 42");
    }

    private ConfigEntry entry(ConfigResource resource, String name) {
        return admin.describeConfig(resource).stream().filter(entry -> entry.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(resource + " has no config " + name));
    }
}

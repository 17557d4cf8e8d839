package dev.gregor.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.gregor.Broker;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster(brokers = 3)
class ClusterAdminTest {

    private final EmbeddedKafkaCluster cluster;

    ClusterAdminTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void restartStoppedBrokers() {
        cluster.heal();
    }

    @Test
    void theClusterIsDescribedWithEveryBrokerItsControllerAndTheApiVersionsInUse() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            ClusterDescription described = client.admin().describeCluster();

            assertThat(described.clusterId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            assertThat(described.brokers()).extracting(description -> description.broker().id())
                    .containsExactly(0, 1, 2);
            assertThat(described.brokers()).extracting(description -> description.broker().port())
                    .containsExactlyElementsOf(cluster.brokerPorts());
            Broker controller = described.controller().orElseThrow();
            assertThat(described.brokers()).filteredOn(BrokerDescription::controller).singleElement()
                    .satisfies(description -> assertThat(description.broker()).isEqualTo(controller));
            assertThat(described.brokers()).allSatisfy(broker -> {
                assertThat(broker.apis()).filteredOn(api -> api.key() == 0).singleElement()
                        .satisfies(api -> assertUsedWithinRange(api, "Produce"));
                assertThat(broker.apis()).filteredOn(api -> api.key() == 1).singleElement()
                        .satisfies(api -> assertUsedWithinRange(api, "Fetch"));
                assertThat(broker.apis()).filteredOn(api -> api.name().startsWith("api-")).isNotEmpty()
                        .allSatisfy(unknown -> {
                            assertThat(unknown.name()).isEqualTo("api-" + unknown.key());
                            assertThat(unknown.used()).isEmpty();
                        });
            });
        }
    }

    @Test
    void aStoppedBrokerLeavesTheDescriptionAndItsConfigsAreAClearError() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            cluster.stopBroker(2);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.admin().describeCluster()
                    .brokers()).extracting(description -> description.broker().id()).containsExactly(0, 1));
            assertThat(client.admin().describeCluster().brokers()).allSatisfy(broker -> assertThat(broker.apis())
                    .filteredOn(api -> api.key() == 0).singleElement()
                    .satisfies(api -> assertUsedWithinRange(api, "Produce")));
            assertThatThrownBy(() -> client.admin().describeConfig(ConfigResource.broker(2)))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("broker id: 2").hasMessageContaining("live broker: [0, 1]");
        }
    }

    private static void assertUsedWithinRange(ApiSupport api, String name) {
        assertThat(api.name()).isEqualTo(name);
        assertThat(api.used()).isPresent();
        assertThat(api.used().getAsInt()).isBetween(api.minVersion(), api.maxVersion());
    }
}

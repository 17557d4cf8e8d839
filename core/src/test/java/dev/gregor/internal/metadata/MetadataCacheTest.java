package dev.gregor.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.gregor.internal.network.BrokerAddress;
import dev.gregor.internal.network.BrokerConnections;
import dev.gregor.internal.network.NetworkSettings;
import dev.gregor.internal.network.SecuritySettings;
import dev.gregor.internal.network.Transport;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@KafkaCluster
class MetadataCacheTest {

    private final Transport transport = new Transport(new NetworkSettings("metadata-test", Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1), 1 << 24,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);
    private final MetadataCache metadata;

    MetadataCacheTest(EmbeddedKafkaCluster cluster) {
        metadata = new MetadataCache(connections, BrokerAddress.parseList(cluster.bootstrapServers()), Duration.ofMillis(300));
    }

    @BeforeAll
    static void createTopic(EmbeddedKafkaCluster cluster) {
        cluster.createTopic("metadata-periodic", 2, 1);
    }

    @AfterEach
    void close() {
        connections.close();
        transport.close();
    }

    @Test
    void topicsInUseAreRefreshedInTheBackground() throws Exception {
        metadata.topic("metadata-periodic").get(10, TimeUnit.SECONDS);
        long first = metadata.current().takenAtNanos();

        metadata.refreshPeriodically(transport.scheduler());

        await().atMost(Duration.ofSeconds(10)).until(() -> metadata.current().takenAtNanos() > first);
        assertThat(metadata.current().topics()).containsKey("metadata-periodic");
    }

    @Test
    void concurrentLookupsShareOneRequest() throws Exception {
        var first = metadata.refreshAll();
        var second = metadata.refreshAll();

        assertThat(second).isSameAs(first);
        assertThat(first.get(10, TimeUnit.SECONDS).brokers()).hasSize(1);
    }
}

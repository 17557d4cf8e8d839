package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.gregor.BrokerUnavailableException;
import dev.gregor.internal.protocol.message.ApiKey;
import dev.gregor.internal.protocol.message.MetadataRequest;
import dev.gregor.internal.protocol.message.MetadataResponse;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster
class BrokerConnectionTest {

    private final EmbeddedKafkaCluster cluster;
    private final Transport transport = new Transport(new NetworkSettings("connection-test", Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(1), 64 * 1024 * 1024,
            SecuritySettings.PLAINTEXT), 1);
    private final BrokerConnections connections = new BrokerConnections(transport);

    BrokerConnectionTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void close() {
        connections.close();
        transport.close();
    }

    @Test
    void negotiatesTheHighestCommonVersionOfEveryApi() throws Exception {
        BrokerConnection connection = connect();

        for (ApiKey api : ApiKey.values()) {
            assertThat(connection.version(api)).as(api.title()).isBetween(api.lowestVersion(), api.highestVersion());
        }
        assertThat(connection.version(ApiKey.METADATA)).isEqualTo(ApiKey.METADATA.highestVersion());
    }

    @Test
    void pipelinesManyRequestsAndMatchesEachResponse() throws Exception {
        BrokerConnection connection = connect();
        List<CompletableFuture<MetadataResponse>> responses = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            responses.add(connection.send(ApiKey.METADATA, new MetadataRequest().setTopics(List.of())));
        }

        for (CompletableFuture<MetadataResponse> response : responses) {
            MetadataResponse metadata = response.get(10, TimeUnit.SECONDS);
            assertThat(metadata.brokers()).hasSize(1);
            assertThat(metadata.brokers().get(0).port()).isEqualTo(cluster.brokerPorts().get(0));
            metadata.release();
        }
    }

    @Test
    void aBrokerThatIsNotThereGivesAClearErrorNamingIt() {
        BrokerAddress nowhere = new BrokerAddress("127.0.0.1", 1);

        assertThatThrownBy(() -> connections.get(nowhere).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("Check that a broker runs there");
    }

    private BrokerConnection connect() throws Exception {
        return connections.get(new BrokerAddress("127.0.0.1", cluster.brokerPorts().get(0))).get(10, TimeUnit.SECONDS);
    }
}

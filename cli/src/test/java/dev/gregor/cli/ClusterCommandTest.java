package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gregor.cli.Gregor.Result;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code gregor cluster} against a real broker. */
@KafkaCluster
class ClusterCommandTest {

    private final EmbeddedKafkaCluster cluster;
    private final Gregor gregor;

    ClusterCommandTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.gregor = new Gregor(cluster.bootstrapServers());
    }

    @Test
    void showsTheClusterIdControllerAndBrokers() {
        Result table = gregor.run("cluster");
        Result json = gregor.run("cluster", "--json");

        assertThat(table.exitCode()).as(table.toString()).isZero();
        int port = cluster.brokerPorts().get(0);
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches("Cluster id: \\S{10,}"));
        assertThat(table.outLines()).contains("Controller: 0");
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches("0 +\\S+ +" + port + " +- +true"));
        JsonNode data = json.json().get("data");
        assertThat(data.get("clusterId").asString()).isEqualTo(table.outLines().get(0).substring("Cluster id: ".length()));
        assertThat(data.get("brokers").valueStream()).singleElement().satisfies(broker -> {
            assertThat(broker.get("id").asInt()).isZero();
            assertThat(broker.get("port").asInt()).isEqualTo(port);
            assertThat(broker.get("rack").isNull()).isTrue();
            assertThat(broker.get("controller").asBoolean()).isTrue();
        });
    }

    @Test
    void versionsListsEachBrokersApisAndTheVersionGregorUses() {
        Result json = gregor.run("cluster", "--versions", "--json");
        Result table = gregor.run("cluster", "--versions");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode apis = json.json().get("data").get("apiVersions");
        assertThat(apis.valueStream().filter(api -> api.get("api").asString().equals("Fetch"))).singleElement()
                .satisfies(fetch -> {
                    assertThat(fetch.get("broker").asInt()).isZero();
                    assertThat(fetch.get("key").asInt()).isEqualTo(1);
                    assertThat(fetch.get("used").asInt()).isBetween(fetch.get("min").asInt(), fetch.get("max").asInt());
                });
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches("BROKER +API +KEY +MIN +MAX +USED"));
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches("0 +Produce +0 +\\d+ +\\d+ +\\d+"));
    }
}

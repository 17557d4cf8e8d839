package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gregor.cli.Gregor.Result;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code gregor topics} and {@code gregor topic ...} against a real broker, as tables and as JSON. */
@KafkaCluster
class TopicCommandsTest {

    private final EmbeddedKafkaCluster cluster;
    private final Gregor gregor;

    TopicCommandsTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.gregor = new Gregor(cluster.bootstrapServers());
    }

    private static String name() {
        return "cli-topic-" + UUID.randomUUID();
    }

    private Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void topicsListsNamesPartitionsAndReplicationAsATableAndAsJson() {
        String topic = name();
        cluster.createTopic(topic, 3, 1);
        ok(gregor.run("consume", topic, "--exit", "--group", "cli-topics-" + UUID.randomUUID())); // __consumer_offsets

        Result table = ok(gregor.run("topics"));
        JsonNode json = ok(gregor.run("topics", "--json")).json();
        JsonNode withInternal = ok(gregor.run("topics", "--internal", "--json")).json();

        assertThat(table.outLines().get(0)).matches("TOPIC +PARTITIONS +REPLICATION");
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches(topic + " +3 +1"));
        assertThat(json.get("command").asString()).isEqualTo("topics");
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("data").valueStream().filter(row -> row.get("topic").asString().equals(topic)))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("partitions").asInt()).isEqualTo(3);
                    assertThat(row.get("replication").asInt()).isEqualTo(1);
                });
        assertThat(json.get("data").valueStream().map(row -> row.get("topic").asString())).doesNotContain("__consumer_offsets");
        assertThat(withInternal.get("data").valueStream().map(row -> row.get("topic").asString()))
                .contains(topic, "__consumer_offsets");
    }

    @Test
    void createDescribeConfigureGrowAndDelete() {
        String topic = name();

        Result created = ok(gregor.run("topic", "create", topic, "--partitions", "2", "--replication-factor", "1",
                "--config", "retention.ms=3600000", "--config", "cleanup.policy=compact"));
        assertThat(created.outLines()).containsExactly("Created topic '" + topic + "' (2 partitions, replication 1).");

        Result described = ok(gregor.run("topic", "describe", topic));
        assertThat(described.outLines()).contains("Topic: " + topic, "Partition count: 2");
        assertThat(described.outLines()).anySatisfy(line -> assertThat(line).matches("retention\\.ms +3600000 +TOPIC"));
        JsonNode json = ok(gregor.run("topic", "describe", topic, "--json")).json().get("data");
        assertThat(json.get("partitions").valueStream().map(partition -> partition.get("partition").asInt()))
                .containsExactly(0, 1);
        assertThat(json.get("partitions").get(0).get("replicas").get(0).asInt())
                .isEqualTo(json.get("partitions").get(0).get("leader").asInt());
        assertThat(json.get("configs").valueStream().map(config -> config.get("name").asString() + "="
                + config.get("value").asString())).containsExactlyInAnyOrder("retention.ms=3600000", "cleanup.policy=compact");

        ok(gregor.run("topic", "config", topic, "--set", "retention.ms=7200000", "--delete", "cleanup.policy"));
        Result configs = ok(gregor.run("topic", "config", topic, "--json"));
        assertThat(configs.json().get("data").valueStream().map(config -> config.get("name").asString() + "="
                + config.get("value").asString())).containsExactly("retention.ms=7200000");
        assertThat(ok(gregor.run("topic", "config", topic, "--all")).outLines())
                .anySatisfy(line -> assertThat(line).matches("cleanup\\.policy +delete +DEFAULT"));

        Result grown = ok(gregor.run("topic", "add-partitions", topic, "--partitions", "4"));
        assertThat(grown.outLines()).containsExactly("Topic '" + topic + "' grew from 2 to 4 partitions.");
        Result shrink = gregor.run("topic", "add-partitions", topic, "--partitions", "3");
        assertThat(shrink.exitCode()).isEqualTo(2);
        assertThat(shrink.errLines()).singleElement().asString().contains("more than the 4", "cannot shrink");

        Result deleted = ok(gregor.run("topic", "delete", topic, "--json"));
        assertThat(deleted.json().get("data").get("topic").asString()).isEqualTo(topic);
        assertThat(ok(gregor.run("topics")).out()).doesNotContain(topic);
    }

    @Test
    void aReplicaAssignmentPlacesEachPartition() {
        String topic = name();

        ok(gregor.run("topic", "create", topic, "--replica-assignment", "0,0,0"));

        JsonNode partitions = ok(gregor.run("topic", "describe", topic, "--json")).json().get("data").get("partitions");
        assertThat(partitions.valueStream().map(partition -> partition.get("replicas").toString()))
                .containsExactly("[0]", "[0]", "[0]");
    }

    @Test
    void badInputIsOneLineNamingTheProblemAndChangesNothing() {
        String topic = name();
        cluster.createTopic(topic, 1, 1);

        Map<List<String>, String> cases = Map.of(
                List.of("topic", "describe", "cli-missing-topic"), "Topic 'cli-missing-topic' does not exist",
                List.of("topic", "delete", "cli-missing-topic"), "Topic 'cli-missing-topic' does not exist",
                List.of("topic", "config", "cli-missing-topic"), "Topic 'cli-missing-topic' does not exist",
                List.of("topic", "create", topic, "--partitions", "1"), "Topic '" + topic + "' already exists",
                List.of("topic", "create", name(), "--replica-assignment", "0:x"), "is not brokers by partition",
                List.of("topic", "create", name(), "--replica-assignment", "0", "--partitions", "1"),
                "leave out --partitions");
        cases.forEach((args, expected) -> {
            Result result = gregor.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(args + "\n" + result).isNotZero();
            assertThat(result.errLines()).as(args.toString()).singleElement().asString().contains(expected);
        });
        assertThat(ok(gregor.run("topics")).out()).contains(topic).doesNotContain("cli-missing-topic");
    }

    @Test
    void aCommandConfigFileGivesTheBootstrapServersAndNamesWhatItIgnores(@TempDir Path directory) throws IOException {
        String topic = name();
        cluster.createTopic(topic, 1, 1);
        Path config = Files.writeString(directory.resolve("client.properties"),
                "bootstrap.servers=" + cluster.bootstrapServers() + "\nsecurity.protocol=PLAINTEXT\nlinger.ms=5\n");

        Result result = Gregor.exactly("", Map.of(), "topics", "--command-config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(topic);
        assertThat(result.errLines()).containsExactly("Ignoring properties of --command-config " + config
                + " this tool does not use: linger.ms");
    }
}

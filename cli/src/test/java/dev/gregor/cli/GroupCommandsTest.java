package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.gregor.KafkaClient;
import dev.gregor.TopicPartition;
import dev.gregor.cli.Gregor.Result;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code gregor groups}, {@code group describe|delete} and {@code offsets reset} against a real broker. */
@KafkaCluster
class GroupCommandsTest {

    private final EmbeddedKafkaCluster cluster;
    private final Gregor gregor;
    private final KafkaClient client;
    private final String topic = "cli-groups-" + UUID.randomUUID();
    private final String group = "cli-group-" + UUID.randomUUID();

    GroupCommandsTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.gregor = new Gregor(cluster.bootstrapServers());
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    /** A topic with 6 records in partition 0 and 2 in partition 1, all read and committed by the group. */
    private void readByTheGroup() {
        cluster.createTopic(topic, 2, 1);
        ok(gregor.withInput("a\nb\nc\nd\ne\nf\n", "produce", topic, "--partition", "0"));
        ok(gregor.withInput("g\nh\n", "produce", topic, "--partition", "1"));
        ok(gregor.run("consume", topic, "--group", group, "--exit"));
    }

    private BalancedConsumer liveMember() {
        return client.topic(topic).balancedConsumer(ConsumerConfig.builder().consumerGroup(group).managed(true).build());
    }

    private static TopicPartition partition(String topic, int id) {
        return new TopicPartition(topic, id);
    }

    @Test
    void aGroupThatReadEverythingShowsLagZeroAndIsListed() {
        readByTheGroup();

        Result table = ok(gregor.run("group", "describe", group));
        JsonNode json = ok(gregor.run("group", "describe", group, "--json")).json().get("data");
        JsonNode listed = ok(gregor.run("groups", "--json")).json().get("data");
        List<String> groups = ok(gregor.run("groups")).outLines();

        assertThat(table.outLines()).contains("Group: " + group, "Members: 0");
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line)
                .matches("GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID +HOST +CLIENT-ID"));
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches(group + " +" + topic + " +0 +6 +6 +0 +- +- +-"));
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).matches(group + " +" + topic + " +1 +2 +2 +0 +- +- +-"));
        assertThat(json.get("partitions").valueStream().map(row -> row.get("partition").asInt() + ":"
                + row.get("currentOffset").asLong() + "/" + row.get("logEndOffset").asLong() + "/" + row.get("lag").asLong()))
                .containsExactly("0:6/6/0", "1:2/2/0");
        assertThat(listed.valueStream().filter(row -> row.get("group").asString().equals(group))).singleElement()
                .satisfies(row -> assertThat(row.get("state").asString()).isEqualTo("Empty"));
        assertThat(groups.get(0)).matches("GROUP +TYPE +STATE +PROTOCOL-TYPE");
        assertThat(groups).anySatisfy(line -> assertThat(line).matches(group + " +\\S+ +Empty +\\S+"));
    }

    @Test
    void describeShowsTheMemberReadingEachPartition() {
        readByTheGroup();
        try (BalancedConsumer member = liveMember()) {
            assertThat(member.assignment()).containsExactlyInAnyOrder(0, 1);
            JsonNode partitions = ok(gregor.run("group", "describe", group, "--json")).json().get("data").get("partitions");

            assertThat(partitions.valueStream()).hasSize(2).allSatisfy(row -> {
                assertThat(row.get("consumerId").asString()).isNotBlank();
                assertThat(row.get("clientId").asString()).isEqualTo(client.clientId());
                assertThat(row.get("host").asString()).isNotBlank();
            });
        }
    }

    @Test
    void theDryRunPlanIsWhatExecuteCommits() {
        readByTheGroup();
        Map<TopicPartition, Long> before = client.admin().groupOffsets(group);

        Result plan = ok(gregor.run("offsets", "reset", group, "--topic", topic, "--shift-by", "-4"));
        assertThat(client.admin().groupOffsets(group)).isEqualTo(before);
        assertThat(plan.errLines()).containsExactly("Dry run: nothing was changed. Run again with --execute to commit"
                + " these offsets.");
        assertThat(plan.outLines()).contains("Executed: false");
        assertThat(plan.outLines()).anySatisfy(line -> assertThat(line).matches(topic + " +0 +6 +2"));
        assertThat(plan.outLines()).anySatisfy(line -> assertThat(line).matches(topic + " +1 +2 +0"));

        JsonNode executed = ok(gregor.run("offsets", "reset", group, "--topic", topic, "--shift-by", "-4", "--execute",
                "--json")).json().get("data");

        assertThat(executed.get("executed").asBoolean()).isTrue();
        Map<TopicPartition, Long> committed = new TreeMap<>();
        executed.get("offsets").forEach(row -> committed.put(partition(row.get("topic").asString(),
                row.get("partition").asInt()), row.get("new").asLong()));
        assertThat(committed).containsExactlyInAnyOrderEntriesOf(Map.of(partition(topic, 0), 2L, partition(topic, 1), 0L));
        assertThat(client.admin().groupOffsets(group)).containsExactlyInAnyOrderEntriesOf(committed);
        assertThat(ok(gregor.run("consume", topic, "--group", group, "--exit", "-p", "0")).outLines())
                .containsExactly("c", "d", "e", "f");
    }

    @Test
    void everyTargetIsClampedToThePartitionsEarliestAndLatest() {
        readByTheGroup();
        String future = Instant.now().plusSeconds(3600).toString();
        Map<List<String>, Map<Integer, Long>> targets = Map.of(
                List.of("--to-earliest"), Map.of(0, 0L, 1, 0L),
                List.of("--to-latest"), Map.of(0, 6L, 1, 2L),
                List.of("--to-offset", "4"), Map.of(0, 4L, 1, 2L),
                List.of("--shift-by", "10"), Map.of(0, 6L, 1, 2L),
                List.of("--by-duration", "PT1H"), Map.of(0, 0L, 1, 0L),
                List.of("--to-datetime", future), Map.of(0, 6L, 1, 2L));
        targets.forEach((target, expected) -> {
            List<String> args = new java.util.ArrayList<>(List.of("offsets", "reset", group, "--topic", topic, "--json"));
            args.addAll(target);
            JsonNode offsets = ok(gregor.run(args.toArray(String[]::new))).json().get("data").get("offsets");
            Map<Integer, Long> planned = new TreeMap<>();
            offsets.forEach(row -> planned.put(row.get("partition").asInt(), row.get("new").asLong()));
            assertThat(planned).as(target.toString()).containsExactlyInAnyOrderEntriesOf(expected);
        });
        JsonNode onePartition = ok(gregor.run("offsets", "reset", group, "--topic", topic, "--partition", "1",
                "--to-earliest", "--json")).json().get("data").get("offsets");
        assertThat(onePartition.valueStream().map(row -> row.get("partition").asInt())).containsExactly(1);
    }

    @Test
    void aResetGivesAGroupNobodyUsedYetItsFirstOffsets() {
        readByTheGroup();
        String fresh = "cli-fresh-" + UUID.randomUUID();

        Result plan = ok(gregor.run("offsets", "reset", fresh, "--topic", topic, "--to-offset", "1", "--execute"));

        assertThat(plan.outLines()).anySatisfy(line -> assertThat(line).matches(topic + " +0 +- +1"));
        assertThat(client.admin().groupOffsets(fresh))
                .containsExactlyInAnyOrderEntriesOf(Map.of(partition(topic, 0), 1L, partition(topic, 1), 1L));
    }

    @Test
    void aResetOfAGroupWithLiveMembersIsRefusedAndChangesNothing() {
        readByTheGroup();
        Map<TopicPartition, Long> before = client.admin().groupOffsets(group);
        try (BalancedConsumer member = liveMember()) {
            assertThat(member.assignment()).containsExactlyInAnyOrder(0, 1);
            for (String mode : List.of("--dry-run", "--execute")) {
                Result refused = gregor.run("offsets", "reset", group, "--topic", topic, "--to-earliest", mode);

                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.errLines()).singleElement().asString()
                        .isEqualTo("Group '" + group + "' has live members, so nothing was changed: stop its consumers"
                                + " (or wait until their sessions time out), then run this again.");
                assertThat(refused.out()).isEmpty();
            }
            Result notDeleted = gregor.run("group", "delete", group);
            assertThat(notDeleted.exitCode()).isEqualTo(1);
            assertThat(notDeleted.errLines()).singleElement().asString().contains("has live members");
        }
        assertThat(client.admin().groupOffsets(group)).isEqualTo(before);
    }

    @Test
    void deleteRemovesTheGroupAndUnknownGroupsAreOneLine() {
        readByTheGroup();

        Result deleted = ok(gregor.run("group", "delete", group));
        Result describeGone = gregor.run("group", "describe", group);
        Result deleteGone = gregor.run("group", "delete", group);

        assertThat(deleted.outLines()).containsExactly("Deleted group '" + group + "'.");
        assertThat(ok(gregor.run("groups")).out()).doesNotContain(group);
        for (Result gone : List.of(describeGone, deleteGone)) {
            assertThat(gone.exitCode()).isEqualTo(1);
            assertThat(gone.errLines()).singleElement().asString()
                    .isEqualTo("Group '" + group + "' does not exist: check the name with 'gregor groups'.");
        }
    }

    @Test
    void aResetNamingAnUnknownTopicOrPartitionChangesNothing() {
        readByTheGroup();
        Map<TopicPartition, Long> before = client.admin().groupOffsets(group);

        Result unknownTopic = gregor.run("offsets", "reset", group, "--topic", "cli-missing", "--to-earliest", "--execute");
        Result unknownPartition = gregor.run("offsets", "reset", group, "--topic", topic, "--partition", "5",
                "--to-earliest", "--execute");
        Result badTime = gregor.run("offsets", "reset", group, "--topic", topic, "--to-datetime", "noon", "--execute");

        assertThat(unknownTopic.exitCode()).isEqualTo(1);
        assertThat(unknownTopic.errLines()).singleElement().asString().contains("Topic 'cli-missing' does not exist");
        assertThat(unknownPartition.exitCode()).isEqualTo(1);
        assertThat(unknownPartition.errLines()).singleElement().asString().contains("5");
        assertThat(badTime.exitCode()).isEqualTo(1);
        assertThat(badTime.errLines()).singleElement().asString().contains("--to-datetime 'noon' is not a time");
        assertThat(client.admin().groupOffsets(group)).isEqualTo(before);
    }
}

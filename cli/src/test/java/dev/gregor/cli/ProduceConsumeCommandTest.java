package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import dev.gregor.KafkaClient;
import dev.gregor.TopicPartition;
import dev.gregor.cli.Gregor.Result;
import dev.gregor.cli.support.Io;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code gregor produce} and {@code gregor consume} against a real broker: what goes in comes out, where asked. */
@KafkaCluster
class ProduceConsumeCommandTest {

    private final EmbeddedKafkaCluster cluster;
    private final Gregor gregor;

    ProduceConsumeCommandTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.gregor = new Gregor(cluster.bootstrapServers());
    }

    private String topic(int partitions) {
        String name = "cli-records-" + UUID.randomUUID();
        cluster.createTopic(name, partitions, 1);
        return name;
    }

    /** Produces r0..r{count-1} in one run, one record per line, to partition 0. */
    private void produceNumbered(String topic, int from, int count) {
        String lines = String.join("\n", IntStream.range(from, from + count).mapToObj(i -> "r" + i).toList()) + "\n";
        Result produced = gregor.withInput(lines, "produce", topic, "--partition", "0");
        assertThat(produced.exitCode()).as(produced.toString()).isZero();
    }

    private List<String> values(String topic, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "consume";
        args[1] = topic;
        System.arraycopy(options, 0, args, 2, options.length);
        Result consumed = gregor.run(args);
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        return consumed.outLines();
    }

    @Test
    void exitEndsAtATransactionsCommitMarkerAfterItsLastRecord() {
        String topic = topic(1);
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("transactional.id", "cli-exit-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            IntStream.range(0, 3).forEach(i -> producer.send(new ProducerRecord<>(topic, "t" + i)));
            producer.commitTransaction();
        }

        String group = "cli-exit-" + UUID.randomUUID();
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            // The coordinator writes the commit marker (offset 3) after commitTransaction returns.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.topic(topic).latestOffsets().equals(Map.of(0, 4L)));

            List<String> read = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> values(topic, "--exit", "--group", group));

            assertThat(read).containsExactly("t0", "t1", "t2");
            assertThat(client.admin().groupOffsets(group)).as("past the commit marker: the group has no lag")
                    .isEqualTo(Map.of(TopicPartition.of(topic, 0), 4L));
        }
    }

    @Test
    void keysHeadersNullsAndThePartitionSurviveTheRoundTrip() {
        String topic = topic(3);

        Result produced = gregor.withInput("k1:v1\nk2:\n:v3\nplain\n", "produce", topic, "-K", ":", "-H", "h1=x",
                "--header", "h2=y", "--partition", "1", "--null-empty");

        assertThat(produced.exitCode()).as(produced.toString()).isZero();
        assertThat(produced.out()).isEmpty();
        assertThat(produced.errLines()).singleElement().asString()
                .startsWith("Produced 4 records (" + "k1v1k2v3plain".length() + " bytes of keys and values) to '" + topic + "'");
        Result consumed = gregor.run("consume", topic, "--exit", "--json");
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        List<JsonNode> records = consumed.outLines().stream().map(line -> new Result(0, line, "").json()).toList();
        assertThat(records).extracting(record -> record.get("partition").asInt()).containsOnly(1);
        assertThat(records).extracting(record -> record.get("offset").asLong()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(records).extracting(record -> record.get("key").isNull() ? null : record.get("key").asString())
                .containsExactly("k1", "k2", null, null);
        assertThat(records).extracting(record -> record.get("value").isNull() ? null : record.get("value").asString())
                .containsExactly("v1", null, "v3", "plain");
        for (JsonNode record : records) {
            assertThat(StreamSupport.stream(record.get("headers").spliterator(), false)
                    .map(header -> header.get("key").asString() + "=" + header.get("value").asString()))
                    .containsExactly("h1=x", "h2=y");
            assertThat(record.get("topic").asString()).isEqualTo(topic);
        }
    }

    @Test
    void produceWithJsonPrintsItsSummaryAsTheEnvelope() {
        String topic = topic(1);

        Result produced = gregor.withInput("a\nbb\n", "produce", topic, "--json", "--sync", "--acks", "1",
                "--compression", "zstd");

        assertThat(produced.exitCode()).as(produced.toString()).isZero();
        JsonNode envelope = produced.json();
        assertThat(envelope.get("command").asString()).isEqualTo("produce");
        assertThat(envelope.get("ok").asBoolean()).isTrue();
        JsonNode data = envelope.get("data");
        assertThat(data.get("topic").asString()).isEqualTo(topic);
        assertThat(data.get("records").asLong()).isEqualTo(2);
        assertThat(data.get("delivered").asLong()).isEqualTo(2);
        assertThat(data.get("failed").asLong()).isZero();
        assertThat(data.get("bytes").asLong()).isEqualTo(3);
        assertThat(data.get("firstError").isNull()).isTrue();
        assertThat(values(topic, "--exit")).containsExactly("a", "bb");
    }

    @Test
    void theFormatStringPrintsEachFieldLikeKcat() {
        String topic = topic(1);
        gregor.withInput("key-a|value-a\n", "produce", topic, "-K", "|", "-H", "trace=t1", "-H", "n=2");

        List<String> lines = values(topic, "--exit", "--format", "%t/%p/%o/%k/%s/%h/%K/%S/100%%\\t.\\n");
        String timestamp = values(topic, "--exit", "-f", "%T\\n").get(0);

        assertThat(lines).containsExactly(topic + "/0/0/key-a/value-a/trace=t1,n=2/5/7/100%\t.");
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().minusSeconds(120).toEpochMilli(),
                Instant.now().toEpochMilli());
    }

    @Test
    void fromStartsAtTheBeginningTheEndBeforeTheEndAnOffsetOrATime() {
        String topic = topic(1);
        produceNumbered(topic, 0, 5);
        produceNumbered(topic, 5, 5);
        long secondRunStarted = Long.parseLong(values(topic, "--exit", "-f", "%o %T\\n").stream()
                .filter(line -> line.startsWith("5 ")).findFirst().orElseThrow().split(" ")[1]);

        assertThat(values(topic, "--exit", "--from", "beginning")).hasSize(10).startsWith("r0");
        assertThat(values(topic, "--exit", "--from", "end")).isEmpty();
        assertThat(values(topic, "--exit", "--from", "-3")).containsExactly("r7", "r8", "r9");
        assertThat(values(topic, "--exit", "--from", "-30")).hasSize(10);
        assertThat(values(topic, "--exit", "-o", "6")).containsExactly("r6", "r7", "r8", "r9");
        assertThat(values(topic, "--exit", "--from", "1000")).isEmpty();
        assertThat(values(topic, "--exit", "--from", "@" + secondRunStarted))
                .containsExactly("r5", "r6", "r7", "r8", "r9");
        assertThat(values(topic, "--exit", "--from", Instant.ofEpochMilli(secondRunStarted).toString()))
                .containsExactly("r5", "r6", "r7", "r8", "r9");
        assertThat(values(topic, "--exit", "--from", "@" + (Instant.now().toEpochMilli() + 60_000))).isEmpty();
    }

    @Test
    void countStopsAfterThatManyRecordsExitAtTheEndAndPartitionPicks() {
        String topic = topic(2);
        gregor.withInput("a\nb\nc\n", "produce", topic, "--partition", "0");
        gregor.withInput("d\ne\n", "produce", topic, "--partition", "1");

        assertThat(values(topic, "--count", "4")).hasSize(4);
        assertThat(values(topic, "--exit")).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(values(topic, "--exit", "--partition", "0")).containsExactly("a", "b", "c");
        assertThat(values(topic, "--exit", "-p", "1")).containsExactly("d", "e");
        assertThat(values(topic, "--exit", "--partition", "1,0")).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(values(topic, "--partition", "1", "--count", "1")).containsExactly("d");
    }

    @Test
    void aGroupCommitsWhatItPrintedAndTheNextRunResumesThere() {
        String topic = topic(1);
        String group = "cli-group-" + UUID.randomUUID();
        produceNumbered(topic, 0, 6);

        assertThat(values(topic, "--group", group, "--count", "2")).containsExactly("r0", "r1");
        assertThat(values(topic, "--group", group, "--exit")).containsExactly("r2", "r3", "r4", "r5");
        assertThat(values(topic, "--group", group, "--exit")).isEmpty();
        assertThat(values(topic, "--group", group, "--exit", "--from", "-1")).containsExactly("r5");
    }

    @Test
    void aTailPrintsEachRecordAsItComesNotWhenTheBufferFills() throws Exception {
        String topic = topic(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> GregorCommand.run(
                new String[] {"consume", topic, "--count", "2", "-b", cluster.bootstrapServers()},
                InputStream.nullInputStream(), new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of()));

        gregor.withInput("first\n", "produce", topic);
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString(StandardCharsets.UTF_8).equals("first\n"));
        gregor.withInput("second\n", "produce", topic);

        assertThat(tail.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
    }

    @Test
    void onATerminalALongConsumeRedrawsAProgressLineOnStandardErrorAndErasesItAtTheEnd() throws Exception {
        String topic = topic(1);
        gregor.withInput("first\n", "produce", topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io terminal = new Io(InputStream.nullInputStream(), new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), true);
        CompletableFuture<Integer> consume = CompletableFuture.supplyAsync(() -> GregorCommand.commandLine(terminal)
                .execute("consume", topic, "--count", "2", "-b", cluster.bootstrapServers()));

        // Redrawn at most once a second while it waits for the second record.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> err.toString(StandardCharsets.UTF_8).startsWith("\r1 records, 1/1 partitions at their end"));
        gregor.withInput("second\n", "produce", topic);

        assertThat(consume.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).as("the line erased: blanks over it, the cursor back at its start").endsWith(
                "\r" + " ".repeat("1 records, 1/1 partitions at their end".length()) + "\r");
    }

    @Test
    void aMalformedFromIsOneUsageLine() {
        Result result = gregor.run("consume", topic(1), "--from", "yesterday-ish");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString()
                .contains("--from", "'yesterday-ish' is not a start position", "beginning, end, -N", "gregor consume --help");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownTopicIsOneLineNamingItAndTheFix() {
        for (String command : List.of("consume", "produce")) {
            Result result = gregor.run(command, "cli-no-such-topic");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.errLines()).singleElement().asString()
                    .isEqualTo("Topic 'cli-no-such-topic' does not exist: check the name with 'gregor topics', or create"
                            + " it with 'gregor topic create cli-no-such-topic'.");
        }
    }

    @Test
    void aPartitionTheTopicLacksFailsBeforeAnythingIsSent() {
        String topic = topic(1);

        Result produced = gregor.withInput("x\n", "produce", topic, "--partition", "7");
        Result consumed = gregor.run("consume", topic, "--partition", "7", "--exit");

        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.errLines()).singleElement().asString().contains("7", topic);
        assertThat(consumed.exitCode()).isEqualTo(1);
        assertThat(consumed.errLines()).singleElement().asString().contains("7", topic);
        assertThat(values(topic, "--exit")).isEmpty();
    }

    @Test
    void aRecordTheProducerRefusesMakesTheExitCodeOneAndTheSummarySaysWhy() {
        String topic = topic(1);
        String tooLarge = "x".repeat(2 * 1024 * 1024);

        Result produced = gregor.withInput("small\n" + tooLarge + "\nalso-small\n", "produce", topic);

        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.errLines()).singleElement().asString()
                .startsWith("Produced 2 of 3 records").contains("1 failed, the first because:");
        assertThat(values(topic, "--exit")).containsExactly("small", "also-small");
    }
}

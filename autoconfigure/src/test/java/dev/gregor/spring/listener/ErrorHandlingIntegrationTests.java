package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.gregor.Header;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.internal.DeadLetterPublisher;
import dev.gregor.spring.support.TopicContents;
import dev.gregor.spring.test.EmbeddedGregorCluster;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Error handling on a real broker: what a dead-letter copy keeps, which failures skip the retries, where a resolver
 * sends dead letters, the {@link DltHandler}; and the revoke window: a revocation never commits past the record (or
 * batch) in the listener, also when the member is SIGKILLed right after it.
 */
@SpringBootTest(properties = {"gregor.listener.max-attempts=3", "gregor.listener.retry-backoff=5ms",
        "gregor.listener.commit-interval=200ms", "gregor.listener.revoke-timeout=20s",
        "gregor.listener.not-retryable=java.lang.UnsupportedOperationException"})
@EmbeddedGregorCluster
class ErrorHandlingIntegrationTests {

    private static final long OLD_TIMESTAMP = 1_600_000_000_000L;
    private static final Duration SLOW_WORK_BOUND = Duration.ofSeconds(6);
    private static final Duration SLOW_BATCH_BOUND = Duration.ofSeconds(3);

    @Autowired
    TopicTemplate template;
    @Autowired
    KafkaClient client;
    @Autowired
    EmbeddedKafkaCluster cluster;
    @Autowired
    TopicListenerRegistry registry;
    @Autowired
    Receiver receiver;
    @Autowired
    Handled handled;
    @Autowired
    RevokeWindow revokeWindow;
    @Autowired
    Rescuer rescuer;

    @Test
    void theDeadLetterCopyKeepsThePartitionWhenTheDeadLetterTopicHasAsMany() {
        template.send("dl-copy", ProducerRecord.of("x").withKey("partition").withPartition(2)).join();

        assertThat(deadLetterCopy("partition").partitionId()).isEqualTo(2);
    }

    @Test
    void theDeadLetterCopyKeepsTheTimestamp() {
        template.send("dl-copy", ProducerRecord.of("x").withKey("timestamp").withTimestamp(OLD_TIMESTAMP)).join();

        assertThat(deadLetterCopy("timestamp").timestamp()).isEqualTo(OLD_TIMESTAMP);
    }

    @Test
    void theDeadLetterCopyKeepsEveryHeaderInOrderBeforeTheErrorHeaders() {
        template.send("dl-copy", ProducerRecord.of("x").withKey("headers")
                .withHeader(new Header("trace", bytes("t-1")))
                .withHeader(new Header("trace", bytes("t-2")))
                .withHeader(new Header("empty", new byte[0]))).join();

        Message copy = deadLetterCopy("headers");
        assertThat(copy.headers().subList(0, 3))
                .extracting(Header::key, header -> new String(header.value(), StandardCharsets.UTF_8))
                .containsExactly(tuple("trace", "t-1"), tuple("trace", "t-2"), tuple("empty", ""));
        assertThat(copy.header(DeadLetterPublisher.ORIGINAL_OFFSET)).as("error headers follow").isNotNull();
    }

    @Test
    void aTombstoneStaysATombstone() {
        template.send("dl-copy", ProducerRecord.of((byte[]) null).withKey("tombstone")).join();

        assertThat(deadLetterCopy("tombstone").value()).isNull();
    }

    @Test
    void aNotRetryableFailureGoesStraightToTheDeadLetterTopicAlsoAsACause() {
        template.sendSync("dl-classify", "configured");
        template.sendSync("dl-classify", "as-cause");
        template.sendSync("dl-classify", "annotated");
        template.sendSync("dl-classify", "retryable");

        await().atMost(Duration.ofSeconds(60)).until(() -> TopicContents.of(client, "dl-classify.DLT").size() >= 4);
        assertThat(receiver.attempts).as("attempts per record").containsEntry("configured", 1)
                .containsEntry("as-cause", 1).containsEntry("annotated", 1).containsEntry("retryable", 3);
    }

    @Test
    void aResolverBeanNamesTheDeadLetterTopicFromTheRecordAndTheFailure() {
        template.sendSync("dl-routed", "x");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> TopicContents.of(client, "dl-routed.IllegalStateException").size() >= 1);
        assertThat(TopicContents.of(client, "dl-routed.IllegalStateException")).extracting(Message::valueAsString)
                .containsExactly("x");
    }

    @Test
    void theDltHandlerOfTheBeanReceivesWhatItsListenersDeadLettered() {
        for (String value : List.of("good-1", "bad-1", "good-2", "bad-2")) {
            template.sendSync("dl-handled", value);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.deadLetters.size() >= 2);
        assertThat(handled.deadLetters).containsExactlyInAnyOrder("bad-1 IllegalArgumentException",
                "bad-2 IllegalArgumentException");
        assertThat(handled.processed).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(registry.containers("handled#onDeadLetter")).singleElement()
                .satisfies(container -> assertThat(container.topics()).containsExactly("dl-handled.DLT"));
    }

    /**
     * A slow record is in the listener when a second member joins: the revocation must wait for it and commit only
     * what was processed. Each revocation of the first member records, right after its commit, the committed offsets
     * and what was processed then.
     */
    @Test
    void aRevocationWaitsForTheRecordInTheListenerAndNeverCommitsPastAnUnprocessedRecord() throws Exception {
        assertARevocationNeverCommitsPastAnUnprocessedRecord(revokeWindow.records, "rw-second");
    }

    /** As for a record listener, when the slow record is in a batch: the revocation waits for the batch call. */
    @Test
    void aRevocationWaitsForTheBatchInTheListenerAndNeverCommitsPastAnUnprocessedRecordOfIt() throws Exception {
        assertARevocationNeverCommitsPastAnUnprocessedRecord(revokeWindow.batches, "rwb-second");
    }

    private void assertARevocationNeverCommitsPastAnUnprocessedRecord(RevokeWatch watch, String second)
            throws InterruptedException {
        for (int partition = 0; partition < 2; partition++) {
            for (int i = 0; i < 5; i++) {
                String value = partition == 0 && i == 2 ? "slow" : watch.topic + "-" + partition + "-" + i;
                template.send(watch.topic, ProducerRecord.of(value).withPartition(partition)).join();
            }
        }
        assertThat(watch.slowEntered.await(60, TimeUnit.SECONDS)).as("the slow record reached the listener").isTrue();

        registry.start(second);

        await().atMost(Duration.ofSeconds(60)).until(() -> watch.processed.size() >= 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> !watch.snapshots.isEmpty());
        assertThat(watch.processed).as("no record lost").hasSize(10);
        for (RevokeSnapshot snapshot : watch.snapshots) {
            snapshot.committed().forEach((partition, committed) -> {
                for (long offset = 0; offset < committed; offset++) {
                    assertThat(snapshot.processed()).as("committed %d on %s-%d when revoked", committed, watch.topic,
                            partition).contains(partition + "@" + offset);
                }
            });
        }
    }

    /**
     * A member in its own JVM is SIGKILLed right after a revocation took its partitions, while its slow listener may
     * still hold a record; the member that takes the partitions over must get every record the dead one had not
     * finished.
     */
    @Test
    void aMemberKilledRightAfterARevocationLosesNothing(@TempDir Path directory) throws Exception {
        for (int partition = 0; partition < 2; partition++) {
            for (int i = 0; i < 6; i++) {
                template.send("rk", ProducerRecord.of("rk-" + partition + "-" + i).withPartition(partition)).join();
            }
        }
        Path report = directory.resolve("member.report");
        Process member = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RevokeWindowMemberMain.class.getName(), cluster.bootstrapServers(), "rk", report.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("member.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> lines(report, "processed").size() >= 2);
            registry.start("rk-rescuer");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !lines(report, "revoked").isEmpty());
            member.destroyForcibly();
            assertThat(member.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            member.destroyForcibly();
        }

        Set<String> byMember = new TreeSet<>();
        lines(report, "processed").forEach(line -> byMember.add(line.substring("processed ".length()).replace(' ', '@')));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> rescuer.processed.containsAll(List.of("0@5", "1@5")));
        Set<String> all = new TreeSet<>(byMember);
        all.addAll(rescuer.processed);
        Set<String> duplicated = new TreeSet<>(byMember);
        duplicated.retainAll(rescuer.processed);
        System.out.printf("revoke window, SIGKILL after revoke: 12 records, killed member processed %d, rescuer %d,"
                + " lost %d, processed twice %d%n", byMember.size(), rescuer.processed.size(), 12 - all.size(),
                duplicated.size());
        assertThat(all).as("every record processed by one member or the other").hasSize(12);
    }

    private static List<String> lines(Path file, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix + " ")).toList();
    }

    private Message deadLetterCopy(String key) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> TopicContents.of(client, "dl-copy.DLT").stream()
                .filter(message -> key.equals(message.keyAsString())).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static class Receiver {
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @TopicListener(id = "copy", topics = "dl-copy", group = "dl-copy")
        void copy(Message message) {
            throw new IllegalStateException("cannot process " + message.keyAsString());
        }

        @TopicListener(id = "classify", topics = "dl-classify", group = "dl-classify",
                notRetryable = ArithmeticException.class)
        void classify(String value) {
            attempts.merge(value, 1, Integer::sum);
            switch (value) {
                case "configured" -> throw new UnsupportedOperationException("never works");
                case "as-cause" -> throw new IllegalStateException("wrapped", new UnsupportedOperationException("inner"));
                case "annotated" -> throw new ArithmeticException("never works either");
                default -> throw new IllegalStateException("may work next time");
            }
        }

        @TopicListener(id = "routed", topics = "dl-routed", group = "dl-routed")
        void routed(String value) {
            throw new IllegalStateException("cannot process " + value);
        }
    }

    static class Handled {
        final List<String> processed = new CopyOnWriteArrayList<>();
        final List<String> deadLetters = new CopyOnWriteArrayList<>();

        @TopicListener(id = "handled", topics = "dl-handled", group = "dl-handled")
        void receive(String value) {
            if (value.startsWith("bad")) {
                throw new IllegalArgumentException("cannot process " + value);
            }
            processed.add(value);
        }

        @DltHandler
        void onDeadLetter(Message failed) {
            String exception = failed.header(DeadLetterPublisher.EXCEPTION_CLASS).valueAsString();
            deadLetters.add(failed.valueAsString() + " " + exception.substring(exception.lastIndexOf('.') + 1));
        }
    }

    record RevokeSnapshot(Map<Integer, Long> committed, Set<String> processed) {
    }

    /**
     * What one listener's members processed and, at each revocation that took partitions from its first member, the
     * committed offsets right after the revoke commit.
     */
    static final class RevokeWatch {
        final String first;
        final String topic;
        final Duration slowWorkBound;
        final Set<String> processed = ConcurrentHashMap.newKeySet();
        final List<RevokeSnapshot> snapshots = new CopyOnWriteArrayList<>();
        final CountDownLatch slowEntered = new CountDownLatch(1);
        final CountDownLatch revoked = new CountDownLatch(1);

        RevokeWatch(String first, String topic, Duration slowWorkBound) {
            this.first = first;
            this.topic = topic;
            this.slowWorkBound = slowWorkBound;
        }

        /**
         * Works on the slow record until its partition is revoked or {@code slowWorkBound} passes, whichever comes
         * first: a revocation that does not wait for the listener ends the work at once.
         */
        void slowWork() throws InterruptedException {
            slowEntered.countDown();
            revoked.await(slowWorkBound.toMillis(), TimeUnit.MILLISECONDS);
        }

        void processed(Message message) {
            processed.add(message.partitionId() + "@" + message.offset());
        }

        void revoked(KafkaClient client, ListenerContainerEvent.PartitionsRevoked event) {
            if (!event.container().listenerId().equals(first) || event.partitions().isEmpty()) {
                return;
            }
            Set<String> processedThen = new HashSet<>(processed);
            try (SimpleConsumer group = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                    .consumerGroup(topic).build())) {
                snapshots.add(new RevokeSnapshot(group.fetchOffsets(), processedThen));
            }
            revoked.countDown();
        }
    }

    /** A record listener and a batch listener, each with a slow record and a second member started later. */
    static class RevokeWindow implements ApplicationListener<ListenerContainerEvent.PartitionsRevoked> {
        final RevokeWatch records = new RevokeWatch("rw-first", "rw", SLOW_WORK_BOUND);
        final RevokeWatch batches = new RevokeWatch("rwb-first", "rwb", SLOW_BATCH_BOUND);
        private final KafkaClient client;

        RevokeWindow(KafkaClient client) {
            this.client = client;
        }

        @TopicListener(id = "rw-first", topics = "rw", group = "rw", mode = TopicListener.Mode.BALANCED)
        void first(Message message) throws InterruptedException {
            if ("slow".equals(message.valueAsString())) {
                records.slowWork();
            }
            records.processed(message);
        }

        @TopicListener(id = "rw-second", topics = "rw", group = "rw", mode = TopicListener.Mode.BALANCED,
                autoStartup = "false")
        void second(Message message) {
            records.processed(message);
        }

        @TopicListener(id = "rwb-first", topics = "rwb", group = "rwb", mode = TopicListener.Mode.BALANCED)
        void firstBatch(List<Message> batch) throws InterruptedException {
            if (batch.stream().anyMatch(message -> "slow".equals(message.valueAsString()))) {
                batches.slowWork();
            }
            batch.forEach(batches::processed);
        }

        @TopicListener(id = "rwb-second", topics = "rwb", group = "rwb", mode = TopicListener.Mode.BALANCED,
                autoStartup = "false")
        void secondBatch(List<Message> batch) {
            batch.forEach(batches::processed);
        }

        @Override
        public void onApplicationEvent(ListenerContainerEvent.PartitionsRevoked event) {
            records.revoked(client, event);
            batches.revoked(client, event);
        }
    }

    static class Rescuer {
        final Set<String> processed = ConcurrentHashMap.newKeySet();

        @TopicListener(id = "rk-rescuer", topics = "rk", group = "rk", mode = TopicListener.Mode.BALANCED,
                autoStartup = "false")
        void receive(Message message) {
            processed.add(message.partitionId() + "@" + message.offset());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SmartInitializingSingleton topics(KafkaClient client) {
            return () -> {
                client.createTopic("dl-copy", 3, 1);
                client.createTopic("dl-classify", 1, 1);
                client.createTopic("dl-routed", 1, 1);
                client.createTopic("dl-handled", 2, 1);
                client.createTopic("rw", 2, 1);
                client.createTopic("rwb", 2, 1);
                client.createTopic("rk", 2, 1);
            };
        }

        @Bean
        DeadLetterTopicResolver deadLetterTopicResolver() {
            return (failed, failure) -> failed.topic().equals("dl-routed")
                    ? failed.topic() + "." + failure.getClass().getSimpleName()
                    : DeadLetterTopicResolver.defaultTopic(failed.topic());
        }

        @Bean
        Receiver receiver() {
            return new Receiver();
        }

        @Bean
        Handled handled() {
            return new Handled();
        }

        @Bean
        RevokeWindow revokeWindow(KafkaClient client) {
            return new RevokeWindow(client);
        }

        @Bean
        Rescuer rescuer() {
            return new Rescuer();
        }
    }
}

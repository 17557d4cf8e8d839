package dev.gregor.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.MultiTopicConsumer;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.test.EmbeddedGregorCluster;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Key-ordered parallel listeners on a real broker: order within each key with records of many keys in flight at
 * once, never more than the parallelism; a record that does not finish holds its partition's commit while later
 * records of other keys are done; a member at its parallelism for longer than its max poll interval stays in its
 * group; and three members in their own JVMs joining, leaving and one SIGKILLed keep each
 * key in order, lose nothing, duplicate only what the killed one had not committed, and never move a committed
 * offset backwards. The last runs {@code gregor.keyed.records} records (default 20,000; the issue's full size:
 * {@code -Dgregor.keyed.records=100000}).
 */
@SpringBootTest(properties = {"gregor.listener.commit-interval=200ms", "gregor.listener.retry-backoff=5ms",
        "gregor.listener.revoke-timeout=1s"})
@EmbeddedGregorCluster
class KeyOrderedIntegrationTests {

    private static final int PARALLELISM = 8;
    private static final int MEMBER_RECORDS = Integer.getInteger("gregor.keyed.records", 20_000);
    private static final int MEMBER_KEYS = 1_000;

    @Autowired
    TopicTemplate template;
    @Autowired
    KafkaClient client;
    @Autowired
    EmbeddedKafkaCluster cluster;
    @Autowired
    Ordered ordered;
    @Autowired
    Latched latched;
    @Autowired
    Stay stay;
    @Autowired
    TopicListenerRegistry registry;

    @Test
    void recordsOfManyKeysRunInParallelInOrderWithinEachKeyAndNeverMoreThanTheParallelism() {
        int keys = 60;
        int perKey = 50;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (int key = 0; key < keys; key++) {
                sent.add(template.send("ko-order", "key-" + key, key + ":" + seq));
            }
        }
        sent.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(60)).until(() -> ordered.processed.get() == keys * perKey);
        assertThat(ordered.outOfOrder).as("records run out of their key's order").isEmpty();
        assertThat(ordered.maxConcurrent.get()).as("most listener calls at once").isGreaterThan(1)
                .isLessThanOrEqualTo(PARALLELISM);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed("ko-order").values().stream()
                .mapToLong(Long::longValue).sum() == (long) keys * perKey);
    }

    @Test
    void aRecordThatDoesNotFinishHoldsItsPartitionsCommitWhileLaterRecordsOfOtherKeysAreDone() {
        template.send("ko-latch", "a", "a").join();
        template.send("ko-latch", "b", "b").join();
        template.send("ko-latch", "slow", "block").join();
        template.send("ko-latch", "slow", "after").join();
        for (int i = 0; i < 20; i++) {
            template.send("ko-latch", "other-" + i, "other").join();
        }
        TopicPartition partition = TopicPartition.of("ko-latch", 0);

        await().atMost(Duration.ofSeconds(60)).until(() -> latched.processed.size() == 22);
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1))
                .until(() -> committed("ko-latch").getOrDefault(partition, -1L) == 2L);
        assertThat(latched.processed).as("the blocked key's next record waits behind it").doesNotContain("after");

        latched.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> committed("ko-latch").getOrDefault(partition, -1L) == 24L);
        assertThat(latched.processed).endsWith("block", "after");
    }

    @Test
    void aMemberAtItsParallelismLongerThanItsMaxPollIntervalStaysInItsGroup() {
        template.send("ko-stay", "k", "block").join();
        await().atMost(Duration.ofSeconds(60)).until(() -> stay.entered.getCount() == 0);
        ListenerContainer container = registry.container("ko-stay-0").orElseThrow();

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> stay.revocations.isEmpty()
                && container.assignment().equals(Set.of(TopicPartition.of("ko-stay", 0))));

        stay.release.countDown();
        template.send("ko-stay", "k", "next").join();
        await().atMost(Duration.ofSeconds(30)).until(() -> stay.processed.equals(List.of("block", "next")));
        assertThat(stay.revocations).isEmpty();
    }

    /**
     * The issue's test: records of {@value #MEMBER_KEYS} keys, with 0-5 ms of work each, read by members in their own
     * JVMs: A alone, then B and C join, B is SIGKILLed while busy, C leaves gracefully, A finishes.
     */
    @Test
    void threeMembersJoiningLeavingAndOneKilledKeepKeyOrderLoseNothingAndNeverCommitBackwards(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory)
            throws Exception {
        String topic = "ko-members";
        CommitSampler sampler = new CommitSampler(topic);
        Thread sampling = new Thread(sampler, "commit-sampler");
        sampling.start();
        Map<String, Process> members = new HashMap<>();
        Map<TopicPartition, Long> committedBeforeKill;
        try {
            int quarter = MEMBER_RECORDS / 4;
            produce(topic, 0, quarter);
            members.put("a", member("a", directory));
            await().atMost(Duration.ofSeconds(90)).until(() -> processed(directory, "a").size() >= quarter / 2);
            members.put("b", member("b", directory));
            members.put("c", member("c", directory));
            await().atMost(Duration.ofSeconds(90)).until(() -> assigned(directory, "b") && assigned(directory, "c"));

            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> produce(topic, quarter, 2 * quarter));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> processed(directory, "b").size() >= 200);
            committedBeforeKill = committed(topic);
            members.get("b").destroyForcibly();
            assertThat(members.get("b").waitFor(30, TimeUnit.SECONDS)).isTrue();
            second.join();

            produce(topic, 2 * quarter, 3 * quarter);
            await().atMost(Duration.ofSeconds(90)).until(() -> processed(directory, "c").size() >= 200
                    && distinct(directory).size() >= 3 * quarter * 9 / 10);
            members.get("c").destroy();
            assertThat(members.get("c").waitFor(60, TimeUnit.SECONDS)).isTrue();

            produce(topic, 3 * quarter, MEMBER_RECORDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> distinct(directory).size() == MEMBER_RECORDS);
            members.get("a").destroy();
            assertThat(members.get("a").waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            members.values().forEach(Process::destroyForcibly);
            sampler.stop = true;
            sampling.join();
        }

        Map<String, Set<String>> byRecord = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Map<String, Integer> lastSeq = new HashMap<>();
            for (String[] line : processed(directory, name)) {
                byRecord.computeIfAbsent(line[1] + "@" + line[2], record -> new HashSet<>()).add(name + ":" + line[3]);
                String[] keyAndSeq = line[3].split(":");
                Integer previous = lastSeq.put(keyAndSeq[0], Integer.parseInt(keyAndSeq[1]));
                if (previous != null && previous >= Integer.parseInt(keyAndSeq[1])) {
                    outOfOrder.add(name + " " + line[3] + " after seq " + previous);
                }
            }
        }
        List<String> duplicates = new ArrayList<>();
        List<String> duplicatesNotOfTheKilled = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            processedTwice(directory, name, byRecord, duplicates);
        }
        byRecord.forEach((record, by) -> {
            if (by.size() > 1) {
                String[] partitionAndOffset = record.split("@");
                long committedThen = committedBeforeKill.getOrDefault(
                        TopicPartition.of(topic, Integer.parseInt(partitionAndOffset[0])), -1L);
                if (by.stream().noneMatch(member -> member.startsWith("b:"))
                        || Long.parseLong(partitionAndOffset[1]) < committedThen) {
                    duplicatesNotOfTheKilled.add(record + " by " + by);
                }
            }
        });
        long twice = byRecord.values().stream().filter(by -> by.size() > 1).count();
        Map<TopicPartition, Long> finalCommits = committed(topic);
        System.out.printf("key-ordered members: %d records over %d keys, 3 members (b SIGKILLed); processed: a %d,"
                        + " b %d, c %d; lost %d; processed by two members %d (all by the killed one after its last"
                        + " commit: %s); out of key order %d; committed offsets sampled %d times, backwards %d%n",
                MEMBER_RECORDS, MEMBER_KEYS, processed(directory, "a").size(), processed(directory, "b").size(),
                processed(directory, "c").size(), MEMBER_RECORDS - byRecord.size(), twice,
                duplicatesNotOfTheKilled.isEmpty(), outOfOrder.size(), sampler.samples.get(), sampler.backwards.size());
        assertThat(byRecord).as("records processed by some member").hasSize(MEMBER_RECORDS);
        assertThat(outOfOrder).as("records out of their key's order within a member").isEmpty();
        assertThat(duplicatesNotOfTheKilled).as("duplicates other than the killed member's uncommitted ones").isEmpty();
        assertThat(duplicates).as("records a member processed twice itself").isEmpty();
        assertThat(sampler.backwards).as("committed offsets that moved backwards").isEmpty();
        assertThat(finalCommits.values().stream().mapToLong(Long::longValue).sum()).as("committed at the end")
                .isEqualTo(MEMBER_RECORDS);
    }

    private static void processedTwice(Path directory, String name, Map<String, Set<String>> byRecord,
                                       List<String> duplicates) throws IOException {
        Set<String> seen = new HashSet<>();
        for (String[] line : processed(directory, name)) {
            if (!seen.add(line[1] + "@" + line[2])) {
                duplicates.add(name + " " + line[1] + "@" + line[2]);
            }
        }
    }

    private void produce(String topic, int from, int to) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int key = i % MEMBER_KEYS;
            sent.add(template.send(topic, "k" + key, "k" + key + ":" + i / MEMBER_KEYS));
        }
        sent.forEach(CompletableFuture::join);
    }

    private Process member(String name, Path directory) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KeyOrderedMemberMain.class.getName(), cluster.bootstrapServers(), "ko-members",
                directory.resolve(name + ".report").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve(name + ".log").toFile()).start();
    }

    private static List<String> lines(Path directory, String name) throws IOException {
        Path file = directory.resolve(name + ".report");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The records a member reported, each as {@code r, partition, offset, key:seq}; a torn last line is left out. */
    private static List<String[]> processed(Path directory, String name) throws IOException {
        return lines(directory, name).stream().filter(line -> line.startsWith("r "))
                .map(line -> line.split(" ")).filter(line -> line.length == 4 && line[3].matches("k\\d+:\\d+"))
                .toList();
    }

    private static boolean assigned(Path directory, String name) throws IOException {
        return lines(directory, name).stream().anyMatch(line -> line.startsWith("assigned "));
    }

    private static Set<String> distinct(Path directory) throws IOException {
        Set<String> all = new HashSet<>();
        for (String name : List.of("a", "b", "c")) {
            processed(directory, name).forEach(line -> all.add(line[1] + "@" + line[2]));
        }
        return all;
    }

    private Map<TopicPartition, Long> committed(String group) {
        try (MultiTopicConsumer offsets = client.simpleConsumer(ConsumerConfig.builder().consumerGroup(group).build(),
                List.of(group))) {
            return new TreeMap<>(offsets.fetchOffsets());
        }
    }

    /** Reads the group's committed offsets every 50 ms, noting any that moved backwards. */
    private final class CommitSampler implements Runnable {
        final String group;
        final List<String> backwards = new CopyOnWriteArrayList<>();
        final AtomicInteger samples = new AtomicInteger();
        volatile boolean stop;

        CommitSampler(String group) {
            this.group = group;
        }

        @Override
        public void run() {
            Map<TopicPartition, Long> highest = new HashMap<>();
            try (MultiTopicConsumer offsets = client.simpleConsumer(ConsumerConfig.builder().consumerGroup(group)
                    .build(), List.of(group))) {
                while (!stop) {
                    offsets.fetchOffsets().forEach((partition, offset) -> {
                        Long before = highest.put(partition, Math.max(offset, highest.getOrDefault(partition, -1L)));
                        if (before != null && offset < before) {
                            backwards.add(partition + ": " + before + " -> " + offset);
                        }
                    });
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Checks order within each key and counts the calls running at once. */
    static class Ordered {
        final AtomicInteger processed = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final Map<String, Integer> lastSeq = new ConcurrentHashMap<>();
        final List<String> outOfOrder = new CopyOnWriteArrayList<>();

        @TopicListener(id = "ko-order", topics = "ko-order", group = "ko-order", mode = TopicListener.Mode.BALANCED,
                ordering = TopicListener.Ordering.KEY, parallelism = "" + PARALLELISM)
        void receive(String value, @Key String key) throws InterruptedException {
            int now = running.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                int seq = Integer.parseInt(value.substring(value.indexOf(':') + 1));
                Integer previous = lastSeq.put(key, seq);
                if (seq != (previous == null ? 0 : previous + 1)) {
                    outOfOrder.add(key + " " + seq + " after " + previous);
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            } finally {
                running.decrementAndGet();
                processed.incrementAndGet();
            }
        }
    }

    /** Blocks on the record "block" until released. */
    static class Latched {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> processed = new CopyOnWriteArrayList<>();

        @TopicListener(id = "ko-latch", topics = "ko-latch", group = "ko-latch", ordering = TopicListener.Ordering.KEY,
                parallelism = "8")
        void receive(String value) throws InterruptedException {
            if (value.equals("block")) {
                release.await();
            }
            processed.add(value);
        }
    }

    /**
     * One record in flight at most, which blocks for longer than the max poll interval; notes any revocation of its
     * partition.
     */
    static class Stay implements ApplicationListener<ListenerContainerEvent.PartitionsRevoked> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> processed = new CopyOnWriteArrayList<>();
        final List<Set<TopicPartition>> revocations = new CopyOnWriteArrayList<>();

        @TopicListener(id = "ko-stay", topics = "ko-stay", mode = TopicListener.Mode.BALANCED,
                ordering = TopicListener.Ordering.KEY, parallelism = "1", maxPollInterval = "1s")
        void receive(String value) throws InterruptedException {
            if (value.equals("block")) {
                entered.countDown();
                release.await();
            }
            processed.add(value);
        }

        @Override
        public void onApplicationEvent(ListenerContainerEvent.PartitionsRevoked event) {
            if (event.container().listenerId().equals("ko-stay") && !event.partitions().isEmpty()) {
                revocations.add(event.partitions());
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SmartInitializingSingleton topics(KafkaClient client) {
            return () -> {
                client.createTopic("ko-order", 3, 1);
                client.createTopic("ko-latch", 1, 1);
                client.createTopic("ko-members", 6, 1);
                client.createTopic("ko-stay", 1, 1);
            };
        }

        @Bean
        Ordered ordered() {
            return new Ordered();
        }

        @Bean
        Latched latched() {
            return new Latched();
        }

        @Bean
        Stay stay() {
            return new Stay();
        }
    }
}

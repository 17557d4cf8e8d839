package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gregor.Backend;
import dev.gregor.ClientClosedException;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.OffsetOutOfRangeException;
import dev.gregor.Topic;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.OffsetReset;
import dev.gregor.consumer.RebalanceListener;
import dev.gregor.internal.group.KafkaGroupMembershipAccess;
import dev.gregor.support.BackgroundIteration;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@KafkaCluster(zookeeper = true)
class BalancedConsumerTest {

    /** The two ways members coordinate; every behavioural test runs with both. */
    enum Coordinator {
        KAFKA, ZOOKEEPER
    }

    /** The default, spelled out: waits that end at it must not pass for failing fast. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;
    private final List<BalancedConsumer> members = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> owners = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    BalancedConsumerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers()).apiTimeout(API_TIMEOUT).build();
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    private ConsumerConfig.Builder consumerConfig() {
        return ConsumerConfig.builder().backend(backend());
    }

    @AfterEach
    void close() {
        members.forEach(BalancedConsumer::close);
        client.close();
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void membersShareTwelvePartitionsAsTheyJoinAndLeave(Coordinator coordinator) {
        Topic topic = client.createTopic("shares-" + coordinator.name().toLowerCase(), 12, 1);
        BalancedConsumer first = join(topic, coordinator, "sharers", "first");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() == 12);

        BalancedConsumer second = join(topic, coordinator, "sharers", "second");
        awaitSizes(first, second, 6, 6);

        BalancedConsumer third = join(topic, coordinator, "sharers", "third");
        awaitSizes(first, second, third, 4, 4, 4);

        third.close();
        members.remove(third);
        awaitSizes(first, second, 6, 6);
        assertThat(violations).isEmpty();
    }

    @Test
    void aManagedMemberThatStopsHeartbeatingIsReplacedWithinTheSessionTimeout() {
        Topic topic = client.createTopic("managed-crash", 12, 1);
        BalancedConsumer first = join(topic, Coordinator.KAFKA, "crashers", "first");
        BalancedConsumer second = join(topic, Coordinator.KAFKA, "crashers", "second");
        awaitSizes(first, second, 6, 6);

        KafkaGroupMembershipAccess.abandon(((NativeBalancedConsumer) second).membership());
        members.remove(second);
        owners.values().removeIf("second"::equals);

        await().atMost(Duration.ofSeconds(30)).until(() -> first.assignment().size() == 12);
        assertThat(violations).isEmpty();
    }

    @Test
    void aGregorMemberAndAKafkaClientsConsumerSplitTheGroup() {
        Topic topic = client.createTopic("managed-mixed", 12, 1);
        BalancedConsumer gregor = join(topic, Coordinator.KAFKA, "mixed", "gregor");
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("group.id", "mixed-kafka");
        config.put("group.protocol", "classic");
        config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            kafka.subscribe(List.of("managed-mixed"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                kafka.poll(Duration.ofMillis(100));
                assertThat(kafka.assignment()).hasSize(6);
                assertThat(gregor.assignment()).hasSize(6);
            });
            Set<Integer> theirs = new TreeSet<>();
            kafka.assignment().forEach(partition -> theirs.add(partition.partition()));
            assertThat(theirs).doesNotContainAnyElementsOf(gregor.assignment());
        }
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void noRecordIsLostAndNoPartitionIsReadTwiceAtOnceWhileMembersComeAndGo(Coordinator coordinator) {
        Topic topic = client.createTopic("stream-" + coordinator.name().toLowerCase(), 12, 1);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        BalancedConsumer first = join(topic, coordinator, "streamers", "first");
        reader(first, "first", seen);
        write(topic, 0, 50_000);
        BalancedConsumer second = join(topic, coordinator, "streamers", "second");
        reader(second, "second", seen);
        write(topic, 50_000, 100_000);
        BalancedConsumer third = join(topic, coordinator, "streamers", "third");
        reader(third, "third", seen);
        write(topic, 100_000, 150_000);
        awaitSizes(first, second, third, 4, 4, 4);
        third.close();
        members.remove(third);
        write(topic, 150_000, 200_000);

        await().atMost(Duration.ofSeconds(120)).until(() -> seen.size() == 200_000);
        assertThat(violations).isEmpty();
    }

    @Test
    void aManagedMemberThatStopsConsumingStepsAsideAndRejoinsWhenItConsumesAgain() {
        Topic topic = client.createTopic("managed-stall", 12, 1);
        ConsumerConfig.Builder config = consumerConfig().consumerGroup("stallers").managed(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300))
                .maxPollInterval(Duration.ofSeconds(2));
        BalancedConsumer busy = topic.balancedConsumer(config.rebalanceListener(new OwnershipRecorder("busy")).build());
        members.add(busy);
        reader(busy, "busy", ConcurrentHashMap.newKeySet());
        BalancedConsumer idle = topic.balancedConsumer(config.rebalanceListener(new OwnershipRecorder("idle")).build());
        members.add(idle);

        await().atMost(Duration.ofSeconds(30)).until(() -> busy.assignment().size() == 12 && idle.assignment().isEmpty());

        idle.consume(Duration.ofMillis(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            idle.consume(Duration.ofMillis(10));
            assertThat(idle.assignment()).hasSize(6);
            assertThat(busy.assignment()).hasSize(6);
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void aStaticMemberJoinsWithItsInstanceId() {
        Topic topic = client.createTopic("managed-static", 4, 1);
        BalancedConsumer member = topic.balancedConsumer(consumerConfig().consumerGroup("statics").managed(true)
                .groupInstanceId("instance-1").build());
        members.add(member);

        assertThat(member.assignment()).containsExactly(0, 1, 2, 3);
        assertThat(member.memberId()).isNotEmpty();
    }

    @Test
    void joiningAGroupThatUsesAnotherAssignorFailsClearly() {
        Topic topic = client.createTopic("managed-protocol", 2, 1);
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("group.id", "other-protocol");
        config.put("group.protocol", "classic");
        config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RoundRobinAssignor");
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            kafka.subscribe(List.of("managed-protocol"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                kafka.poll(Duration.ofMillis(100));
                return kafka.assignment().size() == 2;
            });

            assertThatThrownBy(() -> topic.balancedConsumer(consumerConfig().consumerGroup("other-protocol")
                    .managed(true).assignmentStrategy(dev.gregor.balance.AssignmentStrategy.range()).build()))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("other-protocol")
                    .hasMessageContaining("range");
        }
    }

    @ParameterizedTest
    @CsvSource({"KAFKA, true", "KAFKA, false", "ZOOKEEPER, true", "ZOOKEEPER, false"})
    void closingEndsAMembersIterationWaitingWithoutAConsumerTimeout(Coordinator coordinator, boolean closeTheClient) {
        String name = (closeTheClient ? "client-close-member-" : "close-member-") + coordinator.name().toLowerCase();
        Topic topic = client.createTopic(name, 2, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 2, 0, 3, "none", System.currentTimeMillis());
        BalancedConsumer member = join(topic, coordinator, name, "only");
        BackgroundIteration iteration = BackgroundIteration.of(member);
        iteration.awaitConsumed(3);

        if (closeTheClient) {
            client.close();
        } else {
            member.close();
        }

        iteration.awaitEndedQuietly();
        assertThatThrownBy(member::consume).isInstanceOf(ClientClosedException.class);
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void wakeupEndsAMembersWaitingIterationAndTheMemberCarriesOn(Coordinator coordinator) {
        Topic topic = client.createTopic("wakeup-member-" + coordinator.name().toLowerCase(), 1, 1);
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 0, 2, "none", System.currentTimeMillis());
        BalancedConsumer member = join(topic, coordinator, "wakers", "only");
        BackgroundIteration iteration = BackgroundIteration.of(member);
        iteration.awaitConsumed(2);

        member.wakeup();

        iteration.awaitEndedQuietly();
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 1, 2, 3, "none", System.currentTimeMillis());
        assertThat(member.consume(Duration.ofSeconds(30)).offset()).as("the next message after the wake-up").isEqualTo(2);
        assertThat(member.assignment()).containsExactly(0);
    }

    @ParameterizedTest
    @EnumSource(Coordinator.class)
    void aMemberWithNoCommittedOffsetAndNoResetPolicyFailsAtOnceNamingTheFix(Coordinator coordinator) {
        String name = "no-offsets-" + coordinator.name().toLowerCase();
        Topic topic = client.createTopic(name, 2, 1);
        ConsumerConfig.Builder config = consumerConfig().consumerGroup(name).autoOffsetReset(OffsetReset.NONE);
        long start = System.nanoTime();

        BalancedConsumer member = topic.balancedConsumer(coordinator == Coordinator.KAFKA
                ? config.managed(true).build() : config.zookeeperConnect(cluster.zookeeperConnect()).build());
        members.add(member);

        assertThatThrownBy(() -> member.consume(Duration.ofSeconds(20)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("'" + name + "' partitions [0, 1]")
                .hasMessageContaining("no committed offset")
                .hasMessageContaining("Set autoOffsetReset to EARLIEST or LATEST");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well within the API timeout of %s", API_TIMEOUT)
                .isLessThan(Duration.ofSeconds(15));
        assertThatThrownBy(() -> member.consume(Duration.ofMillis(10))).as("and every consume() after")
                .isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void badConfigurationIsRefusedClearly() {
        Topic topic = client.createTopic("managed-bad", 1, 1);
        assertThatThrownBy(() -> topic.balancedConsumer(consumerConfig().managed(true).build()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumerGroup");
        assertThatThrownBy(() -> topic.balancedConsumer(consumerConfig().consumerGroup("g").build()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("managed(true)");
    }

    private void write(Topic topic, int from, int to) {
        KafkaClientsWriter.write(cluster.bootstrapServers(), topic.name(), 12, from, to, "lz4", System.currentTimeMillis());
    }

    /** Consumes in the background, noting any message handed out for a partition another member owns. */
    private void reader(BalancedConsumer member, String name, Set<Integer> seen) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Message message = member.consume(Duration.ofMillis(100));
                    if (message != null) {
                        String owner = owners.get(message.partitionId());
                        if (owner != null && !owner.equals(name)) {
                            violations.add(name + " read partition " + message.partitionId() + " owned by " + owner);
                        }
                        seen.add(Integer.parseInt(message.valueAsString().substring("value-".length())));
                    }
                }
            } catch (dev.gregor.ClientClosedException closed) {
                // the member left the group
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private BalancedConsumer join(Topic topic, Coordinator coordinator, String group, String name) {
        ConsumerConfig.Builder config = consumerConfig()
                .consumerGroup(group + "-" + coordinator.name().toLowerCase()).autoCommit(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300))
                .rebalanceBackoff(Duration.ofMillis(200)).rebalanceMaxRetries(50)
                .rebalanceListener(new OwnershipRecorder(name));
        BalancedConsumer member = topic.balancedConsumer(coordinator == Coordinator.KAFKA
                ? config.managed(true).build()
                : config.zookeeperConnect(cluster.zookeeperConnect()).build());
        members.add(member);
        return member;
    }

    private void awaitSizes(BalancedConsumer a, BalancedConsumer b, int sizeA, int sizeB) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(a.assignment()).hasSize(sizeA);
            assertThat(b.assignment()).hasSize(sizeB);
        });
        assertThat(a.assignment()).doesNotContainAnyElementsOf(b.assignment());
    }

    private void awaitSizes(BalancedConsumer a, BalancedConsumer b, BalancedConsumer c, int sizeA, int sizeB, int sizeC) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(a.assignment()).hasSize(sizeA);
            assertThat(b.assignment()).hasSize(sizeB);
            assertThat(c.assignment()).hasSize(sizeC);
        });
    }

    /** Fails the test (through {@code violations}) if a partition is ever assigned while another member holds it. */
    private final class OwnershipRecorder implements RebalanceListener {

        private final String name;

        OwnershipRecorder(String name) {
            this.name = name;
        }

        @Override
        public void partitionsAssigned(Set<Integer> partitions) {
            partitions.forEach(partition -> {
                String previous = owners.putIfAbsent(partition, name);
                if (previous != null && !previous.equals(name)) {
                    violations.add("partition " + partition + " given to " + name + " while " + previous + " holds it");
                }
            });
        }

        @Override
        public void partitionsRevoked(Set<Integer> partitions) {
            partitions.forEach(partition -> owners.remove(partition, name));
        }
    }
}

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

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.RebalanceListener;
import dev.gregor.internal.balance.KafkaGroupMembershipAccess;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@KafkaCluster
class ManagedBalancedConsumerTest {

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;
    private final List<BalancedConsumer> members = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> owners = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    ManagedBalancedConsumerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    @AfterEach
    void close() {
        members.forEach(BalancedConsumer::close);
        client.close();
    }

    @Test
    void membersShareTwelvePartitionsAsTheyJoinLeaveAndDie() {
        Topic topic = client.createTopic("managed-shares", 12, 1);
        BalancedConsumer first = join(topic, "sharers", "first");
        assertThat(first.assignment()).hasSize(12);

        BalancedConsumer second = join(topic, "sharers", "second");
        awaitSizes(first, second, 6, 6);

        BalancedConsumer third = join(topic, "sharers", "third");
        awaitSizes(first, second, third, 4, 4, 4);

        third.close();
        members.remove(third);
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
        BalancedConsumer gregor = join(topic, "mixed", "gregor");
        Properties config = new Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("group.id", "mixed");
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

    @Test
    void noRecordIsLostAndNoPartitionIsReadTwiceAtOnceWhileMembersComeAndGo() {
        Topic topic = client.createTopic("managed-stream", 12, 1);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        BalancedConsumer first = join(topic, "streamers", "first");
        reader(first, "first", seen);
        write(topic, 0, 50_000);
        BalancedConsumer second = join(topic, "streamers", "second");
        reader(second, "second", seen);
        write(topic, 50_000, 100_000);
        BalancedConsumer third = join(topic, "streamers", "third");
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
    void badConfigurationIsRefusedClearly() {
        Topic topic = client.createTopic("managed-bad", 1, 1);
        assertThatThrownBy(() -> topic.balancedConsumer(ConsumerConfig.builder().managed(true).build()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumerGroup");
        assertThatThrownBy(() -> topic.balancedConsumer(ConsumerConfig.builder().consumerGroup("g").build()))
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

    private BalancedConsumer join(Topic topic, String group, String name) {
        BalancedConsumer member = topic.balancedConsumer(ConsumerConfig.builder()
                .consumerGroup(group).managed(true).autoCommit(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(300))
                .rebalanceListener(new OwnershipRecorder(name))
                .build());
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

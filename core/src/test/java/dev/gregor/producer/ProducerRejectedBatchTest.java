package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.gregor.AuthorizationException;
import dev.gregor.Backend;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaClient;
import dev.gregor.RecordTooLargeException;
import dev.gregor.Topic;
import dev.gregor.support.CorruptingProxy;
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch the broker refuses for good fails alone: the idempotent producer's later records to the same partition
 * are delivered, in order, right behind the records before it (the refused batch must not leave a gap in the
 * partition's sequence numbers). The brokers take at most 100,000-byte batches, as in issue 12, and check ACLs
 * (everything is allowed where no ACL says otherwise).
 */
@KafkaCluster(brokerProperties = {"message.max.bytes=100000",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=true"})
class ProducerRejectedBatchTest {

    private static final int BEFORE = 5;
    private static final int AFTER = 5;

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;

    ProducerRejectedBatchTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void anOversizedRecordFailsAloneAndTheRecordsAfterItAreDelivered() throws Exception {
        assumeTrue(backend() == Backend.NATIVE, "kafka-clients sizes a batch opened by an oversized record to that"
                + " record's upper-bound estimate, lets the next small records of the partition join it in the slack,"
                + " and on MESSAGE_TOO_LARGE splits it the same way again and again, failing them all at the delivery"
                + " timeout: see anOversizedRecordInABatchOfItsOwnFailsAlone for what it does get right");
        Topic topic = client.createTopic("rejected-too-large", 1, 1);

        Throwable failure = deliverAroundRejected(topic, producer -> producer.send(ProducerRecord.of(new byte[500_000])));

        assertThat(failure).isInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void anOversizedRecordInABatchOfItsOwnFailsAlone() throws Exception {
        Topic topic = client.createTopic("rejected-too-large-alone", 1, 1);

        Throwable failure = deliverAroundRejected(topic, producer -> {
            producer.flush();
            CompletableFuture<DeliveryReport> oversized = producer.send(ProducerRecord.of(new byte[500_000]));
            producer.flush();
            return oversized;
        });

        assertThat(failure).isInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void aRecordTheTopicRefusesFailsAloneAndTheRecordsAfterItAreDelivered() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("rejected-compacted", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        Topic topic = client.topic("rejected-compacted");

        // A compacted topic refuses a record without a key (INVALID_RECORD), and with it the rest of its batch:
        // the record travels alone.
        Throwable failure = deliverAroundRejected(topic, producer -> {
            producer.flush();
            CompletableFuture<DeliveryReport> keyless = producer.send(ProducerRecord.of("no key"));
            producer.flush();
            return keyless;
        });

        assertThat(failure).isInstanceOf(DeliveryException.class).hasMessageContaining("rejected-compacted");
    }

    @Test
    void aWriteTheAclsDenyFailsAloneAndTheRecordsAfterItAreDelivered() throws Exception {
        Topic topic = client.createTopic("rejected-denied", 1, 1);
        AclBinding deny = new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL),
                new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.WRITE, AclPermissionType.DENY));

        Throwable failure;
        try (Admin admin = admin()) {
            failure = deliverAroundRejected(topic, producer -> {
                producer.flush();
                changeAcls(admin, Set.of(deny), () -> admin.createAcls(List.of(deny)).all());
                CompletableFuture<DeliveryReport> denied = producer.send(ProducerRecord.of("denied"));
                await().atMost(Duration.ofSeconds(60)).until(denied::isDone);
                changeAcls(admin, Set.of(), () -> admin.deleteAcls(List.of(deny.toFilter())).all());
                return denied;
            });
        }

        assertThat(failure).isInstanceOf(AuthorizationException.class).hasMessageContaining("rejected-denied");
    }

    @Test
    void aBatchCorruptedOnTheWayFailsAloneAndTheRecordsAfterItAreDelivered() throws Exception {
        String marker = "corrupt-me-on-the-way";
        int brokerPort = CorruptingProxy.freePort();
        try (CorruptingProxy proxy = CorruptingProxy.start(marker, brokerPort);
             EmbeddedKafkaCluster behindProxy = EmbeddedKafkaCluster.builder().firstBrokerPort(brokerPort)
                     .brokerProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + proxy.port()).start();
             KafkaClient viaProxy = KafkaClient.connect("127.0.0.1:" + proxy.port())) {
            assertThat(behindProxy.brokerPorts()).as("the broker got the port the proxy forwards to")
                    .containsExactly(brokerPort);
            Topic topic = viaProxy.createTopic("rejected-corrupt", 1, 1);

            // The broker answers CORRUPT_MESSAGE to every attempt: retriable (for both backends, as in Kafka), so the
            // batch fails at its delivery timeout. It travels alone, so that nothing else waits that long behind it.
            Throwable failure = deliverAroundRejected(behindProxy, topic, Duration.ofSeconds(5), producer -> {
                producer.flush();
                CompletableFuture<DeliveryReport> corrupt = producer.send(ProducerRecord.of(marker));
                producer.flush();
                return corrupt;
            });

            assertThat(proxy.corrupted()).as("Produce requests damaged on the way").isPositive();
            assertThat(failure).isInstanceOf(DeliveryException.class).hasMessageContaining("deliveryTimeout");
        }
    }

    private Throwable deliverAroundRejected(Topic topic, Function<Producer, CompletableFuture<DeliveryReport>> rejected)
            throws Exception {
        return deliverAroundRejected(cluster, topic, Duration.ofSeconds(30), rejected);
    }

    /**
     * Sends {@value #BEFORE} records, then what {@code rejected} sends (which the broker must refuse; it may flush
     * around it), then {@value #AFTER} more; checks that exactly the others are in the log, in order, at the offsets
     * their reports gave; returns why the refused one failed.
     */
    private Throwable deliverAroundRejected(EmbeddedKafkaCluster brokers, Topic topic, Duration deliveryTimeout,
                                            Function<Producer, CompletableFuture<DeliveryReport>> rejected) throws Exception {
        List<CompletableFuture<DeliveryReport>> delivered = new ArrayList<>();
        CompletableFuture<DeliveryReport> refused;
        try (Producer producer = topic.producer(ProducerConfig.builder().backend(backend())
                .deliveryTimeout(deliveryTimeout).build())) {
            for (int i = 0; i < BEFORE; i++) {
                delivered.add(producer.send(ProducerRecord.of("before-" + i).withKey("k")));
            }
            refused = rejected.apply(producer);
            for (int i = 0; i < AFTER; i++) {
                delivered.add(producer.send(ProducerRecord.of("after-" + i).withKey("k")));
            }
        }

        for (int i = 0; i < delivered.size(); i++) {
            assertThat(delivered.get(i).get(30, TimeUnit.SECONDS).offset()).as("offset of record %d", i).isEqualTo(i);
        }
        List<String> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaClientsReader.readAll(brokers.bootstrapServers(), topic.name(),
                BEFORE + AFTER)) {
            read.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < BEFORE; i++) {
            expected.add("before-" + i);
        }
        for (int i = 0; i < AFTER; i++) {
            expected.add("after-" + i);
        }
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(topic.latestOffsets()).containsEntry(0, (long) (BEFORE + AFTER));
        Throwable failure = catchThrowable(() -> refused.get(30, TimeUnit.SECONDS));
        assertThat(failure).as("the refused record's outcome").isInstanceOf(ExecutionException.class);
        return failure.getCause();
    }

    /** Makes an ACL change and waits until the broker that checks produce requests has it. */
    private static void changeAcls(Admin admin, Set<AclBinding> expected,
                                   Supplier<KafkaFuture<?>> change) {
        try {
            change.get().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not change the ACLs", e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Set.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)).equals(expected));
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }
}

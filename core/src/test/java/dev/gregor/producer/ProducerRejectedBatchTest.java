package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

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
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.testkit.ApiFault;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultProxy;
import dev.gregor.testkit.KafkaApi;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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
    void anOversizedRecordFailsAtTheCallAndTheRecordsAroundItAreDelivered() throws Exception {
        Topic topic = client.createTopic("rejected-too-large", 1, 1);

        Throwable failure = deliverAroundRejected(topic,
                producer -> refusedAtTheCall(producer, ProducerRecord.of(new byte[500_000])));

        assertThat(failure).hasMessageContaining("'rejected-too-large'").hasMessageContaining("max.message.bytes (100000")
                .hasMessageContaining("the brokers' message.max.bytes").hasMessageContaining("Send a smaller record");
    }

    @Test
    void aTopicsOwnSmallerLimitRefusesALargerRecordAtTheCall() throws Exception {
        createTopic("rejected-own-limit", Map.of("max.message.bytes", "10000"));
        Topic topic = client.topic("rejected-own-limit");

        Throwable failure = deliverAroundRejected(topic,
                producer -> refusedAtTheCall(producer, ProducerRecord.of(new byte[50_000])));

        assertThat(failure).hasMessageContaining("the topic's max.message.bytes (10000")
                .hasMessageContaining("raise the topic's max.message.bytes").hasMessageNotContaining("brokers'");
    }

    @Test
    void batchesStayWithinTheTopicsLimitWhateverTheBatchSize() throws Exception {
        Topic topic = client.createTopic("capped-batches", 1, 1);
        int count = 100;

        List<CompletableFuture<DeliveryReport>> sent = new ArrayList<>();
        try (Producer producer = topic.producer(ProducerConfig.builder().backend(backend())
                .batchSize(1024 * 1024).linger(Duration.ofMillis(200)).build())) {
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(ProducerRecord.of(new byte[10_000]).withKey("k")));
            }
        }

        for (int i = 0; i < count; i++) {
            assertThat(sent.get(i).get(30, TimeUnit.SECONDS).offset()).as("offset of record %d", i).isEqualTo(i);
        }
        assertThat(topic.latestOffsets()).containsEntry(0, (long) count);
    }

    @Test
    void aRecordOverALimitLoweredAfterTheProducerStartedFailsAlone() throws Exception {
        Topic topic = client.createTopic("rejected-lowered-limit", 1, 1);

        // The producer read the limit (the brokers' 100,000 bytes) when it started; the broker then refuses the
        // record, alone in its batch, for the topic's new limit.
        Throwable failure;
        try (Admin admin = admin()) {
            failure = deliverAroundRejected(topic, producer -> {
                producer.flush();
                setMaxMessageBytes(admin, topic.name(), "1000");
                CompletableFuture<DeliveryReport> oversized = producer.send(ProducerRecord.of(new byte[5_000]));
                producer.flush();
                return oversized;
            });
        }

        assertThat(failure).isInstanceOf(RecordTooLargeException.class).hasMessageContaining("max.message.bytes")
                .hasMessageNotContaining("batchSize");
    }

    @Test
    void aProducerNotAllowedToReadTheTopicsLimitStillDelivers() throws Exception {
        Topic topic = client.createTopic("limit-unreadable", 1, 1);
        // Once a topic has an ACL, whatever its ACLs do not allow is denied: allow everything but DescribeConfigs.
        ResourcePattern resource = new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL);
        Set<AclBinding> acls = Set.of(
                new AclBinding(resource, new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.ALL,
                        AclPermissionType.ALLOW)),
                new AclBinding(resource, new AccessControlEntry("User:ANONYMOUS", "*", AclOperation.DESCRIBE_CONFIGS,
                        AclPermissionType.DENY)));

        List<CompletableFuture<DeliveryReport>> sent = new ArrayList<>();
        try (Admin admin = admin()) {
            changeAcls(admin, acls, () -> admin.createAcls(acls).all());
            ConfigResource configs = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            assertThat(catchThrowable(() -> admin.describeConfigs(List.of(configs)).all().get(30, TimeUnit.SECONDS)))
                    .as("reading the topic's configuration").hasCauseInstanceOf(TopicAuthorizationException.class);
            try (Producer producer = topic.producer(ProducerConfig.builder().backend(backend()).build())) {
                for (int i = 0; i < 3; i++) {
                    sent.add(producer.send(ProducerRecord.of("record-" + i)));
                }
            } finally {
                changeAcls(admin, Set.of(), () -> admin.deleteAcls(List.of(new AclBindingFilter(resource.toFilter(),
                        AccessControlEntryFilter.ANY))).all());
            }
        }

        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).get(30, TimeUnit.SECONDS).offset()).as("offset of record %d", i).isEqualTo(i);
        }
    }

    @Test
    void aRecordTheTopicRefusesFailsAloneAndTheRecordsAfterItAreDelivered() throws Exception {
        createTopic("rejected-compacted", Map.of("cleanup.policy", "compact"));
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
        try (EmbeddedKafkaCluster behindProxy = EmbeddedKafkaCluster.builder().faultProxies().start();
             KafkaClient viaProxy = KafkaClient.connect(behindProxy.bootstrapServers())) {
            FaultProxy proxy = behindProxy.proxy(0)
                    .inject(ApiFault.corruptRequest(KafkaApi.PRODUCE, marker.getBytes(StandardCharsets.UTF_8)));
            Topic topic = viaProxy.createTopic("rejected-corrupt", 1, 1);

            // The broker answers CORRUPT_MESSAGE to every attempt: retriable (for both backends, as in Kafka), so the
            // batch fails at its delivery timeout. It travels alone, so that nothing else waits that long behind it.
            Throwable failure = deliverAroundRejected(behindProxy, topic, Duration.ofSeconds(5), producer -> {
                producer.flush();
                CompletableFuture<DeliveryReport> corrupt = producer.send(ProducerRecord.of(marker));
                producer.flush();
                return corrupt;
            });

            assertThat(proxy.counts().requestsCorrupted()).as("Produce requests damaged on the way").isPositive();
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

    /** The send of a record over the topic's limit throws at the call; its failure, as a future. */
    private static CompletableFuture<DeliveryReport> refusedAtTheCall(Producer producer, ProducerRecord record) {
        Throwable refused = catchThrowable(() -> producer.send(record));
        assertThat(refused).as("the send of a record over the topic's limit").isInstanceOf(RecordTooLargeException.class);
        return CompletableFuture.failedFuture(refused);
    }

    private void createTopic(String name, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sets a topic's max.message.bytes and waits until the broker reports it. */
    private static void setMaxMessageBytes(Admin admin, String topic, String bytes) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not set max.message.bytes of topic '" + topic + "'", e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> bytes.equals(admin.describeConfigs(List.of(resource))
                .all().get(30, TimeUnit.SECONDS).get(resource).get("max.message.bytes").value()));
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

package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each fault of the proxy acting on a real broker. Timings assert the fault's own lower bound strictly and leave
 * generous room above it ({@link #SLACK}), since CI machines are shared.
 */
@KafkaCluster(faultProxies = true, isolated = true)
class FaultProxyTest {

    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final Duration LATENCY = Duration.ofMillis(600);

    private final EmbeddedKafkaCluster cluster;
    private Admin admin;

    FaultProxyTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void healAndClose() {
        proxies().forEach(proxy -> proxy.heal().resetCounts());
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void clientsLearnOnlyTheProxysAddressFromMetadataAndProduceThroughIt() throws Exception {
        FaultProxy proxy = cluster.proxy(0);
        assertThat(cluster.brokerPorts()).containsExactly(proxy.port());
        assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(admin().describeCluster().nodes().get()).extracting(Node::port).containsExactly(proxy.port());

        String topic = "through-the-proxy";
        cluster.createTopic(topic, 1, 1);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), true)) {
            producer.partitionsFor(topic);
            long before = proxy.counts().bytesToBroker();
            producer.send(new ProducerRecord<>(topic, "x".repeat(10_000))).get();

            assertThat(proxy.counts().bytesToBroker() - before).as("the Produce went to the learned address")
                    .isGreaterThan(10_000);
        }
    }

    @Test
    void theTestkitsOwnTrafficGoesAroundTheProxy() {
        cluster.proxy(0).blackhole(true);

        cluster.createTopic("created-while-blackholed", 1, 1);

        assertThat(cluster.proxy(0).counts().requestsBlackholed()).isZero();
    }

    @Test
    void aCrashedBrokerStartedAgainServesThroughItsProxy() throws Exception {
        String topic = "across-a-crash";
        cluster.createTopic(topic, 1, 1);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), true)) {
            producer.send(new ProducerRecord<>(topic, "before")).get();

            cluster.killBroker(0);
            cluster.startBroker(0);
            long before = cluster.proxy(0).counts().bytesToBroker();
            producer.send(new ProducerRecord<>(topic, "after")).get();

            assertThat(cluster.proxy(0).counts().bytesToBroker()).isGreaterThan(before);
        }
        assertThat(endOffset(topic)).isEqualTo(2);
    }

    @Test
    void latencyDelaysEachDirectionAndHealTakesItAway() throws Exception {
        FaultProxy proxy = cluster.proxy(0);
        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(10))) {
            assertThat(connection.roundTrip()).isLessThan(LATENCY);

            proxy.latency(Direction.RESPONSES, LATENCY);
            assertThat(connection.roundTrip()).isBetween(LATENCY, LATENCY.plus(SLACK));

            proxy.latency(Direction.REQUESTS, LATENCY);
            assertThat(connection.roundTrip()).isBetween(LATENCY.multipliedBy(2), LATENCY.multipliedBy(2).plus(SLACK));

            proxy.heal();
            assertThat(connection.roundTrip()).isLessThan(LATENCY);
        }
    }

    @Test
    void throttleLimitsTheBytesPerSecond() throws Exception {
        String topic = "throttled";
        cluster.createTopic(topic, 1, 1);
        proxies().forEach(proxy -> proxy.throttle(Direction.REQUESTS, 200_000));
        String value = "x".repeat(10_000);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), true)) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // 200 kB at 200 kB/s: a second, give or take the requests' own bytes and the first chunk.
            assertThat(took).isGreaterThan(Duration.ofMillis(850));
        }
        assertThat(totalCounts().bytesToBroker()).isGreaterThan(200_000);
        assertThat(endOffset(topic)).isEqualTo(20);
    }

    @Test
    void cutConnectionsClosesThemAllAndClientsReconnect() throws Exception {
        String topic = "cut-now";
        cluster.createTopic(topic, 1, 1);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), true)) {
            producer.send(new ProducerRecord<>(topic, "one")).get();
            long connectionsBefore = totalCounts().connections();

            int cut = proxies().stream().mapToInt(FaultProxy::cutConnections).sum();

            assertThat(cut).isPositive();
            assertThat(totalCounts().connectionsCut()).isEqualTo(cut);
            producer.send(new ProducerRecord<>(topic, "two")).get();
            assertThat(totalCounts().connections()).as("the producer dialled again").isGreaterThan(connectionsBefore);
        }
        assertThat(endOffset(topic)).isEqualTo(2);
    }

    @Test
    void cutAfterDialClosesEachNewConnectionWithinTheRange() throws Exception {
        FaultProxy proxy = cluster.proxy(0).cutAfterDial(Duration.ofMillis(300), Duration.ofMillis(600));
        List<Duration> lifetimes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(5))) {
                long dialled = System.nanoTime();
                connection.roundTrip();
                assertThat(connection.awaitClosed()).isTrue();
                lifetimes.add(Duration.ofNanos(System.nanoTime() - dialled));
            }
        }

        assertThat(lifetimes).allSatisfy(lifetime ->
                assertThat(lifetime).isBetween(Duration.ofMillis(300), Duration.ofMillis(600).plus(SLACK)));
        assertThat(proxy.counts().connectionsCutAfterDial()).isEqualTo(3);
    }

    @Test
    void blackholeAcceptsButNeverAnswersUntilHealed() throws Exception {
        FaultProxy proxy = cluster.proxy(0).blackhole(true);
        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofMillis(1_000))) {
            assertThatThrownBy(connection::apiVersions).isInstanceOf(SocketTimeoutException.class);
        }
        try (Admin blackholed = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + proxy.port(),
                "request.timeout.ms", "1000", "default.api.timeout.ms", "2000"))) {
            assertThatThrownBy(() -> blackholed.describeCluster().nodes().get())
                    .hasCauseInstanceOf(TimeoutException.class);
        }
        assertThat(proxy.counts().requestsBlackholed()).isGreaterThanOrEqualTo(2);

        proxy.heal();

        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(5))) {
            assertThat(connection.roundTrip()).isLessThan(SLACK);
        }
    }

    @Test
    void theClustersHealResumesAPausedBrokerAndHealsItsProxy() throws Exception {
        FaultProxy proxy = cluster.proxy(0).blackhole(true);
        cluster.pauseBroker(0);

        cluster.heal();

        assertThat(cluster.isBrokerPaused(0)).as("paused broker paused after heal()").isFalse();
        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(5))) {
            assertThat(connection.roundTrip()).as("round trip through the healed proxy").isLessThan(SLACK);
        }
    }

    @ParameterizedTest(name = "{0}, idempotent={1}: {2} records")
    @CsvSource({
            "DROP_AND_CLOSE, true,  1",
            "DROP_SILENTLY,  true,  1",
            "DROP_AND_CLOSE, false, 2",
            "DROP_SILENTLY,  false, 2"})
    void aProduceResponseDroppedAfterTheWriteIsRetriedAndOnlyIdempotenceKeepsTheRecordOnce(
            String how, boolean idempotent, long records) throws Exception {
        String topic = "dropped-" + how.toLowerCase() + "-" + idempotent;
        cluster.createTopic(topic, 1, 1);
        ApiFault drop = how.equals("DROP_AND_CLOSE")
                ? ApiFault.dropResponseAndClose(KafkaApi.PRODUCE) : ApiFault.dropResponse(KafkaApi.PRODUCE);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), idempotent)) {
            producer.partitionsFor(topic);
            proxies().forEach(proxy -> proxy.inject(drop.times(1)));

            producer.send(new ProducerRecord<>(topic, "possibly persisted")).get();
        }

        assertThat(totalCounts().responsesDropped()).isEqualTo(1);
        assertThat(endOffset(topic)).as("records written").isEqualTo(records);
    }

    @Test
    void anInjectedErrorReachesTheClientAsThatErrorAndTheBrokerNeverSeesTheRequest() throws Exception {
        proxies().forEach(proxy -> proxy.inject(ApiFault.answerError(KafkaApi.CREATE_TOPICS, 36).times(1)));

        assertThatThrownBy(() -> admin().createTopics(List.of(new NewTopic("never-created", 1, (short) 1))).all().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicExistsException.class);

        assertThat(totalCounts().errorsAnswered()).isEqualTo(1);
        assertThat(admin().listTopics().names().get()).doesNotContain("never-created");
    }

    @Test
    void anInjectedProduceErrorFailsTheSendWithIt() throws Exception {
        String topic = "invalid-record";
        cluster.createTopic(topic, 1, 1);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), false)) {
            producer.partitionsFor(topic);
            proxies().forEach(proxy -> proxy.inject(ApiFault.answerError(KafkaApi.PRODUCE, 87)));

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "refused")).get())
                    .hasCauseInstanceOf(InvalidRecordException.class);
        }
        assertThat(totalCounts().errorsAnswered()).isEqualTo(1);
        assertThat(endOffset(topic)).isZero();
    }

    @Test
    void aCorruptedRequestIsRefusedByTheBrokerAndOnlyTheMarkedOne() throws Exception {
        String topic = "corrupted";
        cluster.createTopic(topic, 1, 1);
        cluster.proxy(0).inject(ApiFault.corruptRequest(KafkaApi.PRODUCE, "damage-me".getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.RETRIES_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "intact")).get();

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "damage-me")).get())
                    .hasCauseInstanceOf(CorruptRecordException.class);
        }
        assertThat(cluster.proxy(0).counts().requestsCorrupted()).isEqualTo(1);
        assertThat(endOffset(topic)).isEqualTo(1);
    }

    @Test
    void delayResponseHoldsBackTheChosenResponsesOnly() throws Exception {
        FaultProxy proxy = cluster.proxy(0)
                .inject(ApiFault.delayResponse(KafkaApi.API_VERSIONS, LATENCY).times(1));
        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(5))) {
            assertThat(connection.roundTrip()).isBetween(LATENCY, LATENCY.plus(SLACK));
            assertThat(connection.roundTrip()).isLessThan(LATENCY);
        }
        assertThat(proxy.counts().responsesDelayed()).isEqualTo(1);
    }

    @Test
    void healClearsEveryFaultAtOnce() throws Exception {
        FaultProxy proxy = cluster.proxy(0)
                .latency(Duration.ofSeconds(2))
                .throttle(10)
                .cutAfterDial(Duration.ZERO, Duration.ZERO)
                .blackhole(true)
                .inject(ApiFault.answerError(KafkaApi.API_VERSIONS, 7))
                .inject(ApiFault.dropResponseAndClose(KafkaApi.API_VERSIONS));

        proxy.heal();
        FaultCounts healed = proxy.counts();

        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(5))) {
            for (int i = 0; i < 3; i++) {
                assertThat(connection.roundTrip()).isLessThan(SLACK);
            }
            assertThat(connection.awaitClosedWithin(Duration.ofMillis(200))).as("not cut after dial").isFalse();
        }
        FaultCounts after = proxy.counts();
        assertThat(after.errorsAnswered()).isEqualTo(healed.errorsAnswered());
        assertThat(after.responsesDropped()).isEqualTo(healed.responsesDropped());
        assertThat(after.requestsBlackholed()).isEqualTo(healed.requestsBlackholed());
    }

    @Test
    void theSameSeedMakesTheSameRandomChoices() throws Exception {
        FaultProxy proxy = cluster.proxy(0);
        List<Boolean> first = erroredAnswers(proxy.seed(42));
        List<Boolean> second = erroredAnswers(proxy.heal().seed(42));
        List<Boolean> otherSeed = erroredAnswers(proxy.heal().seed(43));

        assertThat(first).contains(true, false).isEqualTo(second).isNotEqualTo(otherSeed);
        assertThat(proxy.seed()).isEqualTo(43);
    }

    @Test
    void anErrorCodeKafkaDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> cluster.proxy(0).inject(ApiFault.answerError(KafkaApi.PRODUCE, 9999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no error code 9999");
    }

    /** Which of 20 ApiVersions requests the proxy answered with an error, at probability one half. */
    private static List<Boolean> erroredAnswers(FaultProxy proxy) throws IOException {
        proxy.inject(ApiFault.answerError(KafkaApi.API_VERSIONS, 7).withProbability(0.5));
        try (RawKafkaConnection connection = new RawKafkaConnection(proxy.port(), Duration.ofSeconds(5))) {
            List<Boolean> errored = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                errored.add(connection.apiVersions() != 0);
            }
            return errored;
        }
    }

    private List<FaultProxy> proxies() {
        return IntStream.range(0, cluster.brokerCount()).mapToObj(cluster::proxy).toList();
    }

    private FaultCounts totalCounts() {
        return proxies().stream().map(FaultProxy::counts).reduce((a, b) -> new FaultCounts(
                a.connections() + b.connections(), a.connectionsCut() + b.connectionsCut(),
                a.connectionsCutAfterDial() + b.connectionsCutAfterDial(), a.requestsBlackholed() + b.requestsBlackholed(),
                a.responsesDropped() + b.responsesDropped(), a.errorsAnswered() + b.errorsAnswered(),
                a.responsesDelayed() + b.responsesDelayed(), a.requestsCorrupted() + b.requestsCorrupted(),
                a.bytesToBroker() + b.bytesToBroker(),
                a.bytesToClients() + b.bytesToClients())).orElseThrow();
    }

    /** An admin client, made on first use: tests that count connections or random choices want no other client. */
    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        }
        return admin;
    }

    private long endOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin().listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }

    private static KafkaProducer<String, String> producer(String bootstrap, boolean idempotent) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000",
                ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50"),
                new StringSerializer(), new StringSerializer());
    }
}

package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.internal.network.NetworkCounters;
import dev.gregor.producer.DeliveryReport;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;
import dev.gregor.security.UnsecuredJwsTokenProvider;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.Listener;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of connecting to a secured cluster, against real brokers with TLS and SASL listeners whose SASL sessions
 * last three seconds, so re-authentication happens throughout.
 */
@KafkaCluster(secured = true, reauthenticationMs = 3_000)
class SecuredClusterTest {

    private static final String USER = "gregor";
    private static final String PASSWORD = "gregor-secret";

    private final EmbeddedKafkaCluster cluster;
    private volatile int producedSoFar;

    SecuredClusterTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    static Stream<Arguments> securedConnections() {
        return Stream.of(
                Arguments.of("SSL", Listener.SSL, (UnaryOperator<KafkaClient.Builder>) builder -> builder
                        .securityProtocol(SecurityProtocol.SSL)),
                Arguments.of("mTLS, PKCS12 key store", Listener.MTLS, (UnaryOperator<KafkaClient.Builder>) builder -> builder
                        .securityProtocol(SecurityProtocol.SSL)),
                Arguments.of("SASL_SSL PLAIN", Listener.SASL_SSL, sasl(SaslConfig.plain(USER, PASSWORD))),
                Arguments.of("SASL_SSL SCRAM-SHA-256", Listener.SASL_SSL, sasl(SaslConfig.scramSha256(USER, PASSWORD))),
                Arguments.of("SASL_SSL SCRAM-SHA-512", Listener.SASL_SSL, sasl(SaslConfig.scramSha512(USER, PASSWORD))),
                Arguments.of("SASL_SSL OAUTHBEARER", Listener.SASL_SSL,
                        sasl(SaslConfig.oauthBearer(new UnsecuredJwsTokenProvider(USER, Duration.ofMinutes(10))))),
                Arguments.of("SASL_PLAINTEXT SCRAM-SHA-256", Listener.SASL_PLAINTEXT, (UnaryOperator<KafkaClient.Builder>)
                        builder -> builder.securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                                .sasl(SaslConfig.scramSha256(USER, PASSWORD))));
    }

    private static UnaryOperator<KafkaClient.Builder> sasl(SaslConfig config) {
        return builder -> builder.securityProtocol(SecurityProtocol.SASL_SSL).sasl(config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("securedConnections")
    void producesAndConsumesEveryRecordOnce(String name, Listener listener, UnaryOperator<KafkaClient.Builder> security) {
        assertEveryRecordReadOnce(security.apply(builder(listener)),
                "secured-" + name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(), 20_000);
    }

    @Test
    void mutualTlsAcceptsPemKeyMaterial() {
        TlsConfig tls = TlsConfig.builder()
                .trustCertificates(cluster.certificates().caPem())
                .keyPem(cluster.certificates().clientCertificatePem(), cluster.certificates().clientKeyPem())
                .build();
        assertEveryRecordReadOnce(KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(Listener.MTLS))
                .securityProtocol(SecurityProtocol.SSL).tls(tls), "secured-mtls-pem", 1_000);
    }

    @Test
    void reauthenticatesThroughTwentySecondsOfTrafficWithoutLosingOrRepeatingARecord() throws Exception {
        try (KafkaClient client = builder(Listener.SASL_SSL).securityProtocol(SecurityProtocol.SASL_SSL)
                .sasl(SaslConfig.scramSha512(USER, PASSWORD)).build()) {
            Topic topic = client.createTopic("secured-reauthentication", 2, 1);
            NetworkCounters counters = client.networkCounters();
            Set<Integer> received = ConcurrentHashMap.newKeySet();
            List<Integer> duplicates = new ArrayList<>();
            AtomicBoolean producing = new AtomicBoolean(true);
            CompletableFuture<Void> consuming;
            try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder().build());
                 Producer producer = topic.producer()) {
                // A first record there and back, so every connection of the run (the consumer fetches on its own)
                // is open before counting starts.
                producer.send(ProducerRecord.of(value(0))).get(30, TimeUnit.SECONDS);
                assertThat(valueOf(consumer.consume(Duration.ofSeconds(30)))).isZero();
                received.add(0);
                producedSoFar = 1;
                consuming = CompletableFuture.runAsync(() -> {
                    while (producing.get() || received.size() < producedSoFar) {
                        Message message = consumer.consume(Duration.ofMillis(200));
                        if (message != null && !received.add(valueOf(message))) {
                            duplicates.add(valueOf(message));
                        }
                    }
                });
                long openedBefore = counters.connectionsOpened();
                long authenticationsBefore = counters.authentications();
                // Two connections (the client's and the consumer's fetch connection), each re-authenticating every
                // 2.55 to 2.85 s: at least 7 times each in 20 s, against the 10 asserted below for both.
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                int next = 1;
                while (System.nanoTime() < end) {
                    // A steady trickle (about 5,000 records a second), so requests are in flight at every
                    // re-authentication.
                    List<CompletableFuture<DeliveryReport>> batch = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        batch.add(producer.send(ProducerRecord.of(value(next++))));
                    }
                    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                    producedSoFar = next;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                producing.set(false);
                consuming.get(60, TimeUnit.SECONDS);

                assertThat(duplicates).as("records consumed twice").isEmpty();
                assertThat(received).as("records consumed").hasSize(producedSoFar);
                assertThat(counters.connectionsOpened()).as("connections opened during the run").isEqualTo(openedBefore);
                assertThat(counters.authentications() - authenticationsBefore).as("re-authentications")
                        .isGreaterThanOrEqualTo(10);
            }
        }
    }

    @Test
    void aWrongPasswordFailsFastWithTheMechanismAndBrokerNamed() {
        assertRefused(builder(Listener.SASL_SSL).securityProtocol(SecurityProtocol.SASL_SSL)
                        .sasl(SaslConfig.scramSha256(USER, "not-the-password")),
                "SCRAM-SHA-256", "user 'gregor'", cluster.bootstrapServers(Listener.SASL_SSL), "password");
    }

    @Test
    void anUnknownUserFailsFast() {
        assertRefused(builder(Listener.SASL_SSL).securityProtocol(SecurityProtocol.SASL_SSL)
                        .sasl(SaslConfig.plain("mallory", "whatever")),
                "PLAIN", "user 'mallory'", "password");
    }

    @Test
    void anUntrustedCertificateFailsTheHandshake() {
        assertRefused(KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(Listener.SSL))
                .securityProtocol(SecurityProtocol.SSL), "is not trusted", "trustStore");
    }

    @Test
    void aCertificateForAnotherHostFailsTheHandshake() {
        assertRefused(builder(Listener.SSL_OTHER_HOST).securityProtocol(SecurityProtocol.SSL),
                "does not match the host name '127.0.0.1'", "hostnameVerification(false)");
    }

    @Test
    void turningHostNameVerificationOffExplicitlyAcceptsACertificateForAnotherHost() {
        TlsConfig tls = TlsConfig.builder().trustStore(cluster.certificates().trustStore(),
                cluster.certificates().storePassword()).hostnameVerification(false).build();
        assertEveryRecordReadOnce(KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(Listener.SSL_OTHER_HOST))
                .securityProtocol(SecurityProtocol.SSL).tls(tls), "secured-other-host", 100);
    }

    @Test
    void aListenerThatRequiresAClientCertificateRefusesOneWithout() {
        TlsConfig trustOnly = TlsConfig.builder().trustStore(cluster.certificates().trustStore(),
                cluster.certificates().storePassword()).build();
        assertRefused(KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(Listener.MTLS))
                .securityProtocol(SecurityProtocol.SSL).tls(trustOnly), "TLS", cluster.bootstrapServers(Listener.MTLS));
    }

    /** A client of {@code listener} trusting the cluster's CA and, for mTLS, showing the client certificate. */
    private KafkaClient.Builder builder(Listener listener) {
        TlsConfig.Builder tls = TlsConfig.builder().trustStore(cluster.certificates().trustStore(),
                cluster.certificates().storePassword());
        if (listener == Listener.MTLS) {
            tls.keyStore(cluster.certificates().clientKeyStore(), cluster.certificates().storePassword());
        }
        KafkaClient.Builder builder = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(listener))
                .apiTimeout(Duration.ofSeconds(30));
        return listener.securityProtocol().contains("SSL") ? builder.tls(tls.build()) : builder;
    }

    @Test
    void aPlaintextClientOnATlsListenerIsToldToUseTls() {
        assertRefused(KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(Listener.SSL))
                        .apiTimeout(Duration.ofSeconds(30)), cluster.bootstrapServers(Listener.SSL), "answered with TLS",
                "security protocol is PLAINTEXT", "SSL", "securityProtocol(...)", "gregor.security.protocol");
    }

    @Test
    void aPlaintextClientOnASaslListenerIsToldToUseSasl() {
        assertRefused(KafkaClient.builder().bootstrapServers(cluster.bootstrapServers(Listener.SASL_PLAINTEXT))
                        .apiTimeout(Duration.ofSeconds(30)), cluster.bootstrapServers(Listener.SASL_PLAINTEXT),
                "requires SASL", "SCRAM-SHA-256", "security protocol is PLAINTEXT", "SASL_PLAINTEXT",
                "securityProtocol(...)", "gregor.security.protocol");
    }

    @Test
    void aTlsClientOnAPlaintextListenerIsToldTheListenerMayNotSpeakTls() {
        assertRefused(builder(Listener.PLAINTEXT).securityProtocol(SecurityProtocol.SSL)
                .tls(TlsConfig.builder().trustStore(cluster.certificates().trustStore(),
                        cluster.certificates().storePassword()).build()),
                cluster.bootstrapServers(Listener.PLAINTEXT), "TLS", "securityProtocol");
    }

    private static void assertRefused(KafkaClient.Builder builder, String... messageParts) {
        try (KafkaClient client = builder.build()) {
            long start = System.nanoTime();
            assertThatThrownBy(client::brokers).isInstanceOf(AuthenticationException.class)
                    .hasMessageContainingAll(messageParts)
                    .hasMessageNotContaining("not-the-password");
            assertThatThrownBy(client::brokers).as("asking again").isInstanceOf(AuthenticationException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to fail twice")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(client.networkCounters().connectionAttempts()).as("connection attempts").isLessThanOrEqualTo(2);
        }
    }

    private static void assertEveryRecordReadOnce(KafkaClient.Builder builder, String topicName, int count) {
        try (KafkaClient client = builder.build()) {
            Topic topic = client.createTopic(topicName, 3, 1);
            produce(topic, 0, count);
            assertThat(readValues(topic, count)).hasSize(count);
        }
    }

    private static void produce(Topic topic, int from, int to) {
        try (Producer producer = topic.producer()) {
            for (int i = from; i < to; i++) {
                producer.produce(value(i));
            }
        }
    }

    private static Set<Integer> readValues(Topic topic, int expected) {
        Set<Integer> seen = new HashSet<>();
        try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder()
                .consumerTimeout(Duration.ofSeconds(10)).build())) {
            for (Message message : consumer) {
                assertThat(seen.add(valueOf(message))).as("record %s read once", message.valueAsString()).isTrue();
                if (seen.size() == expected) {
                    break;
                }
            }
        }
        return seen;
    }

    private static byte[] value(int i) {
        return ("r-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static int valueOf(Message message) {
        return Integer.parseInt(message.valueAsString().substring(2));
    }
}

package dev.gregor.backend.kafkaclients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.gregor.Backend;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.Topic;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.security.SaslConfig;
import dev.gregor.security.SecurityProtocol;
import dev.gregor.security.TlsConfig;
import dev.gregor.security.UnsecuredJwsTokenProvider;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.Listener;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client's TLS and SASL settings reach kafka-clients' own connections: records flow over each secured listener. */
@KafkaCluster(secured = true)
class SecuredKafkaClientsBackendTest {

    private final EmbeddedKafkaCluster cluster;

    SecuredKafkaClientsBackendTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    static Stream<Arguments> securedConnections() {
        return Stream.of(
                Arguments.of("mtls", Listener.MTLS, (UnaryOperator<KafkaClient.Builder>) builder ->
                        builder.securityProtocol(SecurityProtocol.SSL)),
                Arguments.of("scram", Listener.SASL_SSL, (UnaryOperator<KafkaClient.Builder>) builder -> builder
                        .securityProtocol(SecurityProtocol.SASL_SSL).sasl(SaslConfig.scramSha512("gregor", "gregor-secret"))),
                Arguments.of("oauth", Listener.SASL_SSL, (UnaryOperator<KafkaClient.Builder>) builder -> builder
                        .securityProtocol(SecurityProtocol.SASL_SSL)
                        .sasl(SaslConfig.oauthBearer(new UnsecuredJwsTokenProvider("gregor", Duration.ofMinutes(5))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("securedConnections")
    void producesAndConsumesEveryRecordOnce(String name, Listener listener, UnaryOperator<KafkaClient.Builder> security) {
        TlsConfig.Builder tls = TlsConfig.builder().trustStore(cluster.certificates().trustStore(),
                cluster.certificates().storePassword());
        if (listener == Listener.MTLS) {
            tls.keyStore(cluster.certificates().clientKeyStore(), cluster.certificates().storePassword());
        }
        try (KafkaClient client = security.apply(KafkaClient.builder()
                .bootstrapServers(cluster.bootstrapServers(listener)).tls(tls.build())).build()) {
            Topic topic = client.createTopic("kafka-clients-secured-" + name, 2, 1);
            try (Producer producer = topic.producer(ProducerConfig.builder().backend(Backend.KAFKA_CLIENTS).build())) {
                for (int i = 0; i < 1_000; i++) {
                    producer.produce(("r-" + i).getBytes(StandardCharsets.UTF_8));
                }
            }
            Set<String> seen = new HashSet<>();
            try (SimpleConsumer consumer = topic.simpleConsumer(ConsumerConfig.builder().backend(Backend.KAFKA_CLIENTS)
                    .consumerTimeout(Duration.ofSeconds(10)).build())) {
                for (Message message : consumer) {
                    assertThat(seen.add(message.valueAsString())).isTrue();
                    if (seen.size() == 1_000) {
                        break;
                    }
                }
            }
            assertThat(seen).hasSize(1_000);
        }
    }
}

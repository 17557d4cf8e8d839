package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.gregor.AuthenticationException;
import dev.gregor.KafkaClient;
import dev.gregor.security.OAuthBearerTokenProvider;
import dev.gregor.security.UnsecuredJwsTokenProvider;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.Listener;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's security properties against real TLS and SASL listeners. */
@KafkaCluster(secured = true)
class GregorSecurityIntegrationTests {

    private final EmbeddedKafkaCluster cluster;
    private final ApplicationContextRunner runner;

    GregorSecurityIntegrationTests(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        String trustStore = cluster.certificates().trustStore().toUri().toString();
        String password = cluster.certificates().storePassword();
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, JacksonAutoConfiguration.class,
                        GregorAutoConfiguration.class))
                .withPropertyValues("gregor.embedded.enabled=false", "gregor.api-timeout=20s",
                        "spring.ssl.bundle.jks.kafka.truststore.location=" + trustStore,
                        "spring.ssl.bundle.jks.kafka.truststore.password=" + password,
                        "spring.ssl.bundle.jks.kafka.truststore.type=PKCS12",
                        "spring.ssl.bundle.jks.mtls.truststore.location=" + trustStore,
                        "spring.ssl.bundle.jks.mtls.truststore.password=" + password,
                        "spring.ssl.bundle.jks.mtls.truststore.type=PKCS12",
                        "spring.ssl.bundle.jks.mtls.keystore.location=" + cluster.certificates().clientKeyStore().toUri(),
                        "spring.ssl.bundle.jks.mtls.keystore.password=" + password,
                        "spring.ssl.bundle.jks.mtls.keystore.type=PKCS12");
    }

    @Test
    void saslSslWithScramAndAnSslBundle() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(Listener.SASL_SSL),
                        "gregor.security.protocol=SASL_SSL", "gregor.ssl.bundle=kafka",
                        "gregor.sasl.mechanism=SCRAM_SHA_256", "gregor.sasl.username=gregor", "gregor.sasl.password=gregor-secret")
                .run(context -> assertRoundTrip(context.getBean(KafkaClient.class), context.getBean(TopicTemplate.class),
                        "spring-scram"));
    }

    @Test
    void mutualTlsWithAKeyStoreInTheBundle() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(Listener.MTLS),
                        "gregor.security.protocol=SSL", "gregor.ssl.bundle=mtls")
                .run(context -> assertRoundTrip(context.getBean(KafkaClient.class), context.getBean(TopicTemplate.class),
                        "spring-mtls"));
    }

    @Test
    void oauthBearerWithATokenProviderBean() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(Listener.SASL_SSL),
                        "gregor.security.protocol=SASL_SSL", "gregor.ssl.bundle=kafka", "gregor.sasl.mechanism=OAUTHBEARER")
                .withBean(OAuthBearerTokenProvider.class, () -> new UnsecuredJwsTokenProvider("gregor", Duration.ofMinutes(5)))
                .run(context -> assertRoundTrip(context.getBean(KafkaClient.class), context.getBean(TopicTemplate.class),
                        "spring-oauth"));
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() {
        runner.withPropertyValues("gregor.bootstrap-servers=" + cluster.bootstrapServers(Listener.SASL_SSL),
                        "gregor.security.protocol=SASL_SSL", "gregor.ssl.bundle=kafka",
                        "gregor.sasl.mechanism=PLAIN", "gregor.sasl.username=gregor", "gregor.sasl.password=wrong")
                .run(context -> assertThatThrownBy(() -> context.getBean(KafkaClient.class).brokers())
                        .isInstanceOf(AuthenticationException.class).hasMessageContaining("PLAIN"));
    }

    private static void assertRoundTrip(KafkaClient client, TopicTemplate template, String topic) {
        client.createTopic(topic, 1, 1);
        assertThat(template.sendSync(topic, "secured hello").offset()).isZero();
        assertThat(client.topic(topic).latestOffsets()).containsEntry(0, 1L);
    }
}

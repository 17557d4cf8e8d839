package dev.gregor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import dev.gregor.cli.Gregor.Result;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.Listener;
import dev.gregor.testkit.TestCertificates;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security flags and a Kafka-style --command-config against a cluster's TLS, mTLS and SASL listeners. */
@KafkaCluster(secured = true)
class SecuredConnectionTest {

    private static final String USER = "gregor";
    private static final String PASSWORD = "gregor-secret";
    private static final String TOPIC = "cli-secured-" + UUID.randomUUID();

    private final EmbeddedKafkaCluster cluster;
    private final TestCertificates certificates;

    SecuredConnectionTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.certificates = cluster.certificates();
    }

    @BeforeAll
    static void createTopic(EmbeddedKafkaCluster cluster) {
        cluster.createTopic(TOPIC, 1, 1);
    }

    private static Result topics(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "topics";
        System.arraycopy(args, 0, all, 1, args.length);
        return Gregor.exactly("", Map.of(), all);
    }

    @Test
    void aCommandConfigWithScramOverTlsAsKafkasToolsWriteIt(@TempDir Path directory) throws IOException {
        Path config = Files.writeString(directory.resolve("client.properties"), String.join("\n",
                "bootstrap.servers=" + cluster.bootstrapServers(Listener.SASL_SSL),
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-256",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                        + "\" password=\"" + PASSWORD + "\";",
                "ssl.truststore.location=" + certificates.trustStore(),
                "ssl.truststore.password=" + certificates.storePassword()));

        Result result = topics("--command-config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(TOPIC);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void flagsForTlsWithAPemCaAndForMutualTlsWithPemKeys() {
        Result tls = topics("-b", cluster.bootstrapServers(Listener.SSL), "--security-protocol", "SSL",
                "--tls-truststore", certificates.caPem().toString());
        Result mutual = topics("-b", cluster.bootstrapServers(Listener.MTLS), "--security-protocol", "SSL",
                "--tls-truststore", certificates.caPem().toString(), "--tls-cert",
                certificates.clientCertificatePem().toString(), "--tls-key", certificates.clientKeyPem().toString());

        assertThat(tls.exitCode()).as(tls.toString()).isZero();
        assertThat(tls.out()).contains(TOPIC);
        assertThat(mutual.exitCode()).as(mutual.toString()).isZero();
        assertThat(mutual.out()).contains(TOPIC);
    }

    @Test
    void saslFlagsWithThePasswordFromTheEnvironmentAndAWrongOneRefused() {
        String[] args = {"topics", "-b", cluster.bootstrapServers(Listener.SASL_PLAINTEXT), "--security-protocol",
                "SASL_PLAINTEXT", "--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", USER};

        Result right = Gregor.exactly("", Map.of("GREGOR_SASL_PASSWORD", PASSWORD), args);
        Result wrong = Gregor.exactly("", Map.of("GREGOR_SASL_PASSWORD", "not-the-secret"), args);

        assertThat(right.exitCode()).as(right.toString()).isZero();
        assertThat(right.out()).contains(TOPIC);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.errLines()).singleElement().asString().contains("SCRAM-SHA-512", USER);
        assertThat(wrong.err()).doesNotContain("not-the-secret");
    }
}

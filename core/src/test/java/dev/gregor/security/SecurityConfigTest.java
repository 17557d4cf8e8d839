package dev.gregor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

    @Test
    void passwordsNeverShowInToString() {
        assertThat(SaslConfig.scramSha512("alice", "s3cret-value").toString())
                .contains("SCRAM-SHA-512", "alice").doesNotContain("s3cret-value");
        assertThat(new UnsecuredJwsTokenProvider("alice", Duration.ofMinutes(1)).token().toString())
                .contains("alice").doesNotContain("eyJ");
    }

    @Test
    void saslProtocolsNeedCredentialsAndCredentialsNeedASaslProtocol() {
        assertThatThrownBy(() -> KafkaClient.builder().bootstrapServers("127.0.0.1:9092")
                .securityProtocol(SecurityProtocol.SASL_SSL).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("sasl");
        assertThatThrownBy(() -> KafkaClient.builder().bootstrapServers("127.0.0.1:9092")
                .sasl(SaslConfig.plain("alice", "secret")).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("SASL_SSL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> KafkaClient.builder().bootstrapServers("127.0.0.1:9092")
                .tls(TlsConfig.builder().build()).build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("SSL or SASL_SSL");
    }

    @Test
    void storesThatCannotBeReadFailWhenBuildingTheConfig() {
        assertThatThrownBy(() -> TlsConfig.builder().trustStore(Path.of("/nonexistent/truststore.p12"), "x"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("trustStore");
        assertThatThrownBy(() -> TlsConfig.builder().protocols("TLSv1.1"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("TLSv1.3");
    }

    @Test
    void mechanismsAreFoundByEitherSpelling() {
        assertThat(SaslMechanism.fromName("scram-sha-256")).isEqualTo(SaslMechanism.SCRAM_SHA_256);
        assertThat(SaslMechanism.fromName("SCRAM_SHA_512")).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThatThrownBy(() -> SaslMechanism.fromName("GSSAPI")).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void unsecuredTokensCarryThePrincipalAndLifetime() {
        OAuthBearerToken token = new UnsecuredJwsTokenProvider("alice", Duration.ofMinutes(5)).token();

        String[] parts = token.value().split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).isEmpty();
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"none\"}");
        assertThat(decode(parts[1])).contains("\"sub\":\"alice\"", "\"exp\":" + token.expiresAt().getEpochSecond());
        assertThat(token.principal()).isEqualTo("alice");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}

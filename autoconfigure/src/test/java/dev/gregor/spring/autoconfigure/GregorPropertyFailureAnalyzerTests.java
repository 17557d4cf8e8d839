package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Every validated {@code gregor.*} property fails startup with an analysis that names the property, the value as
 * written, what is allowed and the fix; no builder field names, no ISO-8601 durations.
 */
class GregorPropertyFailureAnalyzerTests {

    private final AtomicReference<Environment> environment = new AtomicReference<>();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GregorEmbeddedClusterAutoConfiguration.class,
                    GregorAutoConfiguration.class, GregorListenerAutoConfiguration.class,
                    JacksonAutoConfiguration.class, SslAutoConfiguration.class))
            .withInitializer(context -> environment.set(context.getEnvironment()))
            .withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=127.0.0.1:1");

    static Stream<Arguments> invalidProperties() {
        return Stream.of(
                row("gregor.producer.linger=-1ms", "gregor.producer.linger", "'-1ms'", "0ms to 1m"),
                row("gregor.producer.linger=2m", "gregor.producer.linger", "'2m'", "0ms to 1m"),
                row("gregor.producer.batch-size=100", "gregor.producer.batch-size", "'100'", "1024 to 16777216"),
                row("gregor.producer.max-queued-records=0", "gregor.producer.max-queued-records", "'0'", "1 to 10000000"),
                row("gregor.api-timeout=0s", "gregor.api-timeout", "'0s'", "a positive duration"),
                row("gregor.metadata-max-age=0s", "gregor.metadata-max-age", "'0s'", "a positive duration"),
                row("gregor.client-id=", "gregor.client-id", "''", "a non-blank string"),
                row("gregor.bootstrap-servers=", "gregor.bootstrap-servers", "''", "host:port pairs"),
                row("gregor.bootstrap-servers=localhost", "gregor.bootstrap-servers", "'localhost'", "host:port"),
                row("gregor.consumer.group=", "gregor.consumer.group", "''", "a non-blank group name"),
                row("gregor.consumer.zookeeper-connect=", "gregor.consumer.zookeeper-connect", "''",
                        "host:port[/chroot], or unset"),
                row("gregor.listener.max-attempts=0", "gregor.listener.max-attempts", "'0'", "1 or more"),
                row("gregor.listener.max-batch-size=0", "gregor.listener.max-batch-size", "'0'", "1 or more"),
                row("gregor.listener.retry-backoff=-1s", "gregor.listener.retry-backoff", "'-1s'", "a duration of 0 or more"),
                row("gregor.listener.retry-backoff-multiplier=0.5", "gregor.listener.retry-backoff-multiplier", "'0.5'",
                        "a number of 1 or more"),
                row("gregor.listener.retry-backoff=1m", "gregor.listener.retry-backoff-max", "'30s'",
                        "a duration of at least the first wait, 1m"),
                row("gregor.listener.retry-backoff-jitter=2", "gregor.listener.retry-backoff-jitter", "'2'",
                        "a fraction from 0 (none) to 1"),
                row("gregor.listener.revoke-timeout=-1s", "gregor.listener.revoke-timeout", "'-1s'",
                        "a duration of 0 or more"),
                row("gregor.listener.not-retryable=com.example.NoSuchException", "gregor.listener.not-retryable",
                        "'com.example.NoSuchException'", "fully qualified names of exception classes"),
                row("gregor.listener.not-retryable=java.lang.String", "gregor.listener.not-retryable",
                        "'java.lang.String'", "fully qualified names of exception classes"),
                row("gregor.listener.shutdown-timeout=-1s", "gregor.listener.shutdown-timeout", "'-1s'",
                        "a duration of 0 or more"),
                row("gregor.producer.close-timeout=-5s", "gregor.producer.close-timeout", "'-5s'",
                        "a duration of 0 or more"),
                row("gregor.listener.poll-timeout=0ms", "gregor.listener.poll-timeout", "'0ms'", "a positive duration"),
                row("gregor.listener.commit-interval=0s", "gregor.listener.commit-interval", "'0s'", "a positive duration"),
                row("gregor.embedded.enabled=true,gregor.embedded.brokers=10", "gregor.embedded.brokers", "'10'", "1 to 9"),
                row("gregor.security.protocol=SASL_SSL,gregor.sasl.mechanism=SCRAM_SHA_256", "gregor.sasl.username",
                        "gregor.sasl.username is not set", "a non-empty user name"),
                row("gregor.security.protocol=SASL_PLAINTEXT,gregor.sasl.username=app,gregor.sasl.password=",
                        "gregor.sasl.password", "''", "a non-empty password"),
                row("gregor.security.protocol=SASL_SSL,gregor.sasl.mechanism=OAUTHBEARER", "gregor.sasl.mechanism",
                        "'OAUTHBEARER'", "PLAIN, SCRAM_SHA_256 or SCRAM_SHA_512; OAUTHBEARER only with an"
                                + " OAuthBearerTokenProvider bean"),
                row("gregor.security.protocol=SSL,gregor.ssl.bundle=missing", "gregor.ssl.bundle", "'missing'",
                        "the name of a bundle configured under spring.ssl.bundle"),
                row("gregor.producer.acks=LEADER,gregor.producer.idempotence=true", "gregor.producer.acks", "'LEADER'",
                        "ALL while gregor.producer.idempotence is true"));
    }

    private static Arguments row(String properties, String property, String shown, String allowed) {
        return Arguments.of(properties, property, shown, allowed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProperties")
    void anInvalidPropertyIsReportedByNameAsWrittenWithWhatIsAllowedAndTheFix(String properties, String property,
                                                                             String shown, String allowed) {
        runner.withPropertyValues(properties.split(",")).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new GregorPropertyFailureAnalyzer(environment.get())
                    .analyze(context.getStartupFailure());

            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(property).contains(shown).contains("Allowed: " + allowed)
                    .doesNotContain("PT");
            assertThat(analysis.getAction()).contains(property.equals("gregor.sasl.mechanism")
                    ? "OAuthBearerTokenProvider" : property);
        });
    }

    @Test
    void acksWithoutAllAndIdempotenceOnSaysHowToFixEither() {
        runner.withPropertyValues("gregor.producer.acks=NONE", "gregor.producer.idempotence=true").run(context -> {
            FailureAnalysis analysis = new GregorPropertyFailureAnalyzer(environment.get())
                    .analyze(context.getStartupFailure());

            assertThat(analysis.getAction()).contains("gregor.producer.acks=ALL")
                    .contains("gregor.producer.idempotence=false");
        });
    }

    @Test
    void aValidConfigurationStartsAndLeavesNothingToAnalyze() {
        runner.withPropertyValues("gregor.producer.linger=0ms", "gregor.listener.max-attempts=1",
                        "gregor.listener.not-retryable=java.lang.IllegalArgumentException,java.io.IOException")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theAnalyzerIsRegisteredForSpringBootsStartupReport() {
        SpringFactoriesLoader.ArgumentResolver arguments = SpringFactoriesLoader.ArgumentResolver
                .of(Environment.class, new StandardEnvironment())
                .and(BeanFactory.class, new DefaultListableBeanFactory());

        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, arguments,
                (type, name, notOnThisClassPath) -> { }))
                .hasAtLeastOneElementOfType(GregorPropertyFailureAnalyzer.class);
    }
}

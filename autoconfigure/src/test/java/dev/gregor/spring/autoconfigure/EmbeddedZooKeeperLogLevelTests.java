package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

class EmbeddedZooKeeperLogLevelTests {

    @Test
    void theEmbeddedZooKeeperServerLogsWarningsOnlyByDefault() {
        StandardEnvironment environment = new StandardEnvironment();

        new EmbeddedZooKeeperLogLevel().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(EmbeddedZooKeeperLogLevel.LOGGER_LEVEL_PROPERTY)).isEqualTo("WARN");
    }

    @Test
    void theApplicationsOwnLevelWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of(EmbeddedZooKeeperLogLevel.LOGGER_LEVEL_PROPERTY, "DEBUG")));

        new EmbeddedZooKeeperLogLevel().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(EmbeddedZooKeeperLogLevel.LOGGER_LEVEL_PROPERTY)).isEqualTo("DEBUG");
    }

    @Test
    void springBootFindsIt() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(EnvironmentPostProcessor.class, null,
                (type, otherProcessor, needsArguments) -> { }))
                .hasAtLeastOneElementOfType(EmbeddedZooKeeperLogLevel.class);
    }
}

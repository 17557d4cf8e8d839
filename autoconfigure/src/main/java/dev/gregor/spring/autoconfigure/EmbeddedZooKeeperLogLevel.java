package dev.gregor.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * With the testkit on the class path, logs the in-process ZooKeeper server of the embedded cluster at WARN by
 * default: at INFO it prints a banner, its whole environment (class path included) and dozens of settings at every
 * start. Warnings and errors still show; {@code logging.level.org.apache.zookeeper.server} set anywhere else wins.
 */
public final class EmbeddedZooKeeperLogLevel implements EnvironmentPostProcessor {

    static final String LOGGER_LEVEL_PROPERTY = "logging.level.org.apache.zookeeper.server";

    private static final String TESTKIT_CLUSTER = "dev.gregor.testkit.EmbeddedKafkaCluster";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ClassUtils.isPresent(TESTKIT_CLUSTER, EmbeddedZooKeeperLogLevel.class.getClassLoader())) {
            environment.getPropertySources().addLast(new MapPropertySource("gregor-embedded-zookeeper-logging",
                    Map.of(LOGGER_LEVEL_PROPERTY, "WARN")));
        }
    }
}

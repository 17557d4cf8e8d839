package dev.gregor.spring.autoconfigure;

import java.time.Duration;

import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts a throwaway Kafka cluster (and ZooKeeper) from the testkit when the application names no brokers, and
 * points Gregor at it: an application runs with no Kafka installed. Only with {@code gregor-testkit} on the class
 * path; {@code gregor.embedded.enabled} forces it on or off. The context closes the cluster after every bean that
 * uses it (the client depends on it through the connection details; containers stop before any bean is destroyed).
 */
@AutoConfiguration(before = GregorAutoConfiguration.class)
@ConditionalOnClass(EmbeddedKafkaCluster.class)
@Conditional(OnEmbeddedClusterCondition.class)
@EnableConfigurationProperties(GregorProperties.class)
public final class GregorEmbeddedClusterAutoConfiguration {

    /**
     * How long the testkit's own shutdown hook leaves the cluster to the context: longer than the containers' stop
     * timeout (30 s) plus the client's close, so Ctrl-C never takes the brokers away from consumers still committing.
     */
    private static final Duration CONTEXT_SHUTDOWN_GRACE = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EmbeddedKafkaCluster gregorEmbeddedCluster(GregorProperties properties) {
        int brokers = properties.getEmbedded().getBrokers();
        EmbeddedKafkaCluster.Builder cluster = EmbeddedKafkaCluster.builder();
        try {
            cluster.brokers(brokers);
        } catch (IllegalArgumentException e) {
            throw new InvalidGregorPropertyException("gregor.embedded.brokers", brokers, "1 to 9",
                    "Change gregor.embedded.brokers to a number from 1 to 9.", e);
        }
        return cluster.zookeeper(properties.getEmbedded().isZookeeper())
                .shutdownHookGrace(CONTEXT_SHUTDOWN_GRACE)
                .start();
    }

    @Bean
    @ConditionalOnMissingBean(GregorConnectionDetails.class)
    GregorConnectionDetails embeddedGregorConnectionDetails(EmbeddedKafkaCluster cluster) {
        return new GregorConnectionDetails() {
            @Override
            public String getBootstrapServers() {
                return cluster.bootstrapServers();
            }

            @Override
            public @Nullable String getZookeeperConnect() {
                return cluster.hasZookeeper() ? cluster.zookeeperConnect() : null;
            }
        };
    }
}

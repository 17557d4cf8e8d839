package dev.gregor.spring.autoconfigure.health;

import java.time.Duration;

import dev.gregor.KafkaClient;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.health.GregorHealthIndicator;
import dev.gregor.spring.listener.TopicListenerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code gregor} health contributor; off with {@code management.health.gregor.enabled=false}. */
@AutoConfiguration(after = GregorListenerAutoConfiguration.class)
@ConditionalOnClass({KafkaClient.class, HealthIndicator.class})
@ConditionalOnBean(KafkaClient.class)
@ConditionalOnEnabledHealthIndicator("gregor")
public final class GregorHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "gregorHealthIndicator")
    GregorHealthIndicator gregorHealthIndicator(KafkaClient client, ObjectProvider<TopicListenerRegistry> registry) {
        return new GregorHealthIndicator(client, registry.getIfAvailable(), Duration.ofSeconds(5));
    }
}

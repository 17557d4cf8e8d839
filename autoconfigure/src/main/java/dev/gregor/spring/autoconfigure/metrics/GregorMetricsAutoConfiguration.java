package dev.gregor.spring.autoconfigure.metrics;

import dev.gregor.KafkaClient;
import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.metrics.GregorMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the template and the listener containers, as a {@code DeliveryListener} and a
 * {@code RecordObserver} the main auto-configurations pick up; backs off without Micrometer or a registry.
 */
@AutoConfiguration(before = {GregorAutoConfiguration.class, GregorListenerAutoConfiguration.class},
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({KafkaClient.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public final class GregorMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GregorMeters gregorMeters(MeterRegistry registry) {
        return new GregorMeters(registry);
    }
}

package dev.gregor.spring.autoconfigure.metrics;

import dev.gregor.KafkaClient;
import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorClientCustomizer;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorProperties;
import dev.gregor.spring.metrics.ClientMeters;
import dev.gregor.spring.metrics.GregorMeters;
import dev.gregor.spring.metrics.RequestLatencyTimers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the template and the listener containers, as a {@code DeliveryListener} and a
 * {@code RecordObserver} the main auto-configurations pick up, and for the client: request latency timers set on
 * its builder, and counters over its {@code metrics()} once it exists. Backs off without Micrometer or a registry.
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

    @Bean
    GregorClientCustomizer gregorRequestLatencyTimers(MeterRegistry registry, GregorProperties properties) {
        RequestLatencyTimers timers = new RequestLatencyTimers(registry, properties.getClientId());
        return builder -> builder.requestLatencyListener(timers);
    }

    /** Binds the client's counters after every singleton exists, so the registry never waits for the client. */
    @Bean
    SmartInitializingSingleton gregorClientMeters(ObjectProvider<KafkaClient> client, MeterRegistry registry) {
        return () -> client.ifUnique(each -> ClientMeters.bind(each, registry));
    }
}

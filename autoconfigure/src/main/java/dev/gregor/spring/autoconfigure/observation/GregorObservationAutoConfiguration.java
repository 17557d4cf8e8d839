package dev.gregor.spring.autoconfigure.observation;

import dev.gregor.KafkaClient;
import dev.gregor.spring.autoconfigure.GregorAutoConfiguration;
import dev.gregor.spring.autoconfigure.GregorListenerAutoConfiguration;
import dev.gregor.spring.core.SendObserver;
import dev.gregor.spring.listener.InvocationObserver;
import dev.gregor.spring.observation.ListenerObservations;
import dev.gregor.spring.observation.TemplateObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observations of template sends ({@code gregor.template.observation-enabled}) and listener calls
 * ({@code gregor.listener.observation-enabled}), both off by default, as the {@link SendObserver} and the
 * {@link InvocationObserver} the main auto-configurations pick up; backs off without an {@link ObservationRegistry}.
 */
@AutoConfiguration(before = {GregorAutoConfiguration.class, GregorListenerAutoConfiguration.class},
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({KafkaClient.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
public final class GregorObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SendObserver.class)
    @ConditionalOnBooleanProperty("gregor.template.observation-enabled")
    TemplateObservations gregorTemplateObservations(ObservationRegistry registry) {
        return new TemplateObservations(registry);
    }

    @Bean
    @ConditionalOnMissingBean(InvocationObserver.class)
    @ConditionalOnBooleanProperty("gregor.listener.observation-enabled")
    ListenerObservations gregorListenerObservations(ObservationRegistry registry) {
        return new ListenerObservations(registry);
    }
}

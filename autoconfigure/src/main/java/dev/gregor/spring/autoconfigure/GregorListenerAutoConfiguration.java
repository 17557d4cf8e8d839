package dev.gregor.spring.autoconfigure;

import dev.gregor.KafkaClient;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.RecordObserver;
import dev.gregor.spring.listener.TopicListenerRegistry;
import dev.gregor.spring.listener.internal.ContainerFactory;
import dev.gregor.spring.listener.internal.ContainerSettings;
import dev.gregor.spring.listener.internal.TopicListenerAnnotationProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** {@code @TopicListener} support: the annotation processor, the container factory and the registry. */
@AutoConfiguration(after = GregorAutoConfiguration.class)
@ConditionalOnBean(KafkaClient.class)
public final class GregorListenerAutoConfiguration {

    @Bean
    static TopicListenerAnnotationProcessor topicListenerAnnotationProcessor(ObjectProvider<TopicListenerRegistry> registry,
                                                                             Environment environment) {
        return new TopicListenerAnnotationProcessor(registry, environment.getProperty("gregor.consumer.group"));
    }

    @Bean
    @ConditionalOnMissingBean
    ContainerFactory gregorContainerFactory(KafkaClient client, TopicTemplate template, ObjectProvider<JsonMapper> jsonMapper,
                                            GregorProperties properties, GregorConnectionDetails connectionDetails,
                                            ApplicationEventPublisher events, ObjectProvider<RecordObserver> observers) {
        GregorProperties.Listener listener = properties.getListener();
        ContainerSettings settings = new ContainerSettings(listener.getCommitInterval(), listener.getMaxAttempts(),
                listener.getRetryBackoff(), listener.isDeadLetter(), listener.getPollTimeout(),
                properties.getConsumer().getAutoOffsetReset(), connectionDetails.getZookeeperConnect());
        return new ContainerFactory(client, template, jsonMapper.getIfAvailable(), settings, events,
                observers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    TopicListenerRegistry topicListenerRegistry(ContainerFactory factory) {
        return new TopicListenerRegistry(factory);
    }
}

package dev.gregor.spring.autoconfigure;

import java.util.function.Function;

import dev.gregor.KafkaClient;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.DeadLetterTopicResolver;
import dev.gregor.spring.listener.InvocationObserver;
import dev.gregor.spring.listener.RecordObserver;
import dev.gregor.spring.listener.RetryBackoff;
import dev.gregor.spring.listener.TopicListenerRegistry;
import dev.gregor.spring.listener.TopicListenerContainerFactory;
import dev.gregor.spring.listener.ConsumerSettings;
import dev.gregor.spring.listener.ContainerSettings;
import dev.gregor.spring.listener.internal.ListenerConsumerConfig;
import dev.gregor.spring.listener.internal.TopicListenerAnnotationProcessor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
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
    TopicListenerContainerFactoryConfigurer topicListenerContainerFactoryConfigurer(KafkaClient client,
            TopicTemplate template, ObjectProvider<JsonMapper> jsonMapper, GregorProperties properties,
            GregorConnectionDetails connectionDetails, ApplicationEventPublisher events,
            ObjectProvider<RecordObserver> observers, ObjectProvider<DeadLetterTopicResolver> deadLetterTopics,
            ObjectProvider<InvocationObserver> invocationObserver, ResourceLoader resources) {
        ConsumerSettings consumer = consumerSettings(properties.getConsumer());
        checkConsumerDefaults(properties.getConsumer(), consumer, connectionDetails);
        GregorProperties.Listener listener = properties.getListener();
        ContainerSettings settings = BuilderProperties.LISTENER.build(() -> new ContainerSettings(
                listener.getCommitInterval(), listener.getMaxAttempts(),
                new RetryBackoff(listener.getRetryBackoff(), listener.getRetryBackoffMultiplier(),
                        listener.getRetryBackoffMax(), listener.getRetryBackoffJitter()),
                NotRetryableTypes.of(listener.getNotRetryable(), resources.getClassLoader()),
                listener.isDeadLetter(), listener.getPollTimeout(), properties.getConsumer().getAutoOffsetReset(),
                connectionDetails.getZookeeperConnect(), properties.getConsumer().getBackend(),
                listener.getRevokeTimeout(), listener.getMaxBatchSize(), consumer));
        return new TopicListenerContainerFactoryConfigurer(client, template, jsonMapper.getIfAvailable(), settings,
                events, observers.orderedStream().toList(),
                deadLetterTopics.getIfAvailable(() -> DeadLetterTopicResolver.DEFAULT), invocationObserver.getIfAvailable());
    }

    /**
     * Checks the consumer defaults the way every container's consumer will, so that a bad value stops startup instead
     * of leaving each container retrying in the background.
     */
    private static void checkConsumerDefaults(GregorProperties.Consumer consumer, ConsumerSettings tuning,
                                              GregorConnectionDetails details) {
        BuilderProperties.CONSUMER.build(() -> ListenerConsumerConfig.tune(ConsumerConfig.builder()
                .consumerGroup(consumer.getGroup()).zookeeperConnect(details.getZookeeperConnect())
                .backend(consumer.getBackend()), tuning).build());
    }

    /** The consumer tuning of {@code gregor.consumer.*}. */
    private static ConsumerSettings consumerSettings(GregorProperties.Consumer consumer) {
        return new ConsumerSettings(consumer.getIsolationLevel(), consumer.getSessionTimeout(),
                parsed("gregor.consumer.assignment-strategy", consumer.getAssignmentStrategy(),
                        ListenerConsumerConfig::assignmentStrategy, "range or roundrobin"),
                parsed("gregor.consumer.group-instance-id", consumer.getGroupInstanceId(),
                        ListenerConsumerConfig::groupInstanceId, "up to 200 letters, digits, '.', '_' and '-'"),
                consumer.getFetchMinBytes(), consumer.getFetchMaxBytes(), consumer.getMaxPartitionFetchBytes(),
                consumer.getMaxPollInterval(), consumer.getProperties());
    }

    private static <T> @Nullable T parsed(String property, @Nullable String value, Function<String, T> parser,
                                          String allowed) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidGregorPropertyException(property, value, allowed,
                    "Change " + property + " to an allowed value.", null);
        }
    }

    @Bean
    @ConditionalOnMissingBean(name = "gregorContainerFactory")
    TopicListenerContainerFactory gregorContainerFactory(TopicListenerContainerFactoryConfigurer configurer) {
        return configurer.create(configurer.settings());
    }

    @Bean
    @ConditionalOnMissingBean
    TopicListenerRegistry topicListenerRegistry(
            @Qualifier("gregorContainerFactory") TopicListenerContainerFactory defaultFactory, BeanFactory beanFactory,
            GregorProperties properties) {
        return new TopicListenerRegistry(defaultFactory,
                name -> beanFactory.getBean(name, TopicListenerContainerFactory.class),
                InvalidGregorPropertyException.nonNegative(
                        properties.getListener().getShutdownTimeout(), "gregor.listener.shutdown-timeout"));
    }
}

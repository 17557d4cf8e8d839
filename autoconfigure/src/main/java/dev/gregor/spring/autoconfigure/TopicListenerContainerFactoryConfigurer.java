package dev.gregor.spring.autoconfigure;

import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.ContainerSettings;
import dev.gregor.spring.listener.DeadLetterTopicResolver;
import dev.gregor.spring.listener.InvocationObserver;
import dev.gregor.spring.listener.RecordObserver;
import dev.gregor.spring.listener.TopicListenerContainerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes {@link TopicListenerContainerFactory}s with the auto-configuration's defaults (client, dead-letter template
 * and topic resolver, JSON mapper, events, metrics, observation, {@code gregor.listener.*} settings), so that an application can
 * declare a second factory that differs in a setting or two and name it in
 * {@code @TopicListener(containerFactory = ...)}:
 *
 * <pre>{@code
 * @Bean
 * TopicListenerContainerFactory strictFactory(TopicListenerContainerFactoryConfigurer configurer) {
 *     return configurer.create(configurer.settings().withDeadLetter(false));
 * }
 * }</pre>
 */
public final class TopicListenerContainerFactoryConfigurer {

    private final KafkaClient client;
    private final TopicTemplate template;
    private final @Nullable JsonMapper jsonMapper;
    private final ContainerSettings settings;
    private final ApplicationEventPublisher events;
    private final List<RecordObserver> observers;
    private final DeadLetterTopicResolver deadLetterTopics;
    private final @Nullable InvocationObserver invocationObserver;

    TopicListenerContainerFactoryConfigurer(KafkaClient client, TopicTemplate template, @Nullable JsonMapper jsonMapper,
                                            ContainerSettings settings, ApplicationEventPublisher events,
                                            List<RecordObserver> observers, DeadLetterTopicResolver deadLetterTopics,
                                            @Nullable InvocationObserver invocationObserver) {
        this.client = client;
        this.template = template;
        this.jsonMapper = jsonMapper;
        this.settings = settings;
        this.events = events;
        this.observers = List.copyOf(observers);
        this.deadLetterTopics = deadLetterTopics;
        this.invocationObserver = invocationObserver;
    }

    /** The default settings, from {@code gregor.listener.*} and {@code gregor.consumer.*}. */
    public ContainerSettings settings() {
        return settings;
    }

    /** A factory whose containers follow {@code settings}, with everything else as the default factory has it. */
    public TopicListenerContainerFactory create(ContainerSettings settings) {
        return new TopicListenerContainerFactory(client, template, jsonMapper, settings, events, observers,
                deadLetterTopics, invocationObserver);
    }
}

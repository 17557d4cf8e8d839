package dev.gregor.spring.listener;

import java.util.ArrayList;
import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.internal.BatchDispatcher;
import dev.gregor.spring.listener.internal.BatchInvoker;
import dev.gregor.spring.listener.internal.ConsumerContainer;
import dev.gregor.spring.listener.internal.DeadLetterPublisher;
import dev.gregor.spring.listener.internal.ListenerDispatch;
import dev.gregor.spring.listener.internal.ListenerEndpoint;
import dev.gregor.spring.listener.internal.ListenerInvoker;
import dev.gregor.spring.listener.internal.RecordDispatcher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the containers of {@link TopicListener} methods: one per unit of concurrency, each reading all the listener's
 * topics, sharing one invoker.
 * The auto-configured one is {@code gregorContainerFactory}; make another with
 * {@code TopicListenerContainerFactoryConfigurer} and name it in {@link TopicListener#containerFactory()}.
 */
public final class TopicListenerContainerFactory {

    private final KafkaClient client;
    private final TopicTemplate template;
    private final @Nullable JsonMapper jsonMapper;
    private final ContainerSettings settings;
    private final ApplicationEventPublisher events;
    private final List<RecordObserver> observers;

    /** A factory for containers consuming through {@code client} and dead-lettering through {@code template}. */
    public TopicListenerContainerFactory(KafkaClient client, TopicTemplate template, @Nullable JsonMapper jsonMapper,
                            ContainerSettings settings, ApplicationEventPublisher events, List<RecordObserver> observers) {
        this.client = client;
        this.template = template;
        this.jsonMapper = jsonMapper;
        this.settings = settings;
        this.events = events;
        this.observers = List.copyOf(observers);
    }

    /** The settings its containers follow. */
    public ContainerSettings settings() {
        return settings;
    }

    /**
     * The containers of {@code endpoint}.
     *
     * @throws IllegalStateException if the listener's settings cannot make a consumer, naming what to change
     */
    public List<ConsumerContainer> create(ListenerEndpoint endpoint) {
        DeadLetterPublisher deadLetters = settings.deadLetter() ? new DeadLetterPublisher(client, template) : null;
        ListenerDispatch dispatch = endpoint.batch()
                ? ListenerDispatch.of(new BatchDispatcher(new BatchInvoker(endpoint.bean(), endpoint.method(), jsonMapper),
                        settings.maxAttempts(), settings.retryBackoff(), deadLetters),
                        endpoint.maxBatchSize() != null ? endpoint.maxBatchSize() : settings.maxBatchSize())
                : ListenerDispatch.of(new RecordDispatcher(new ListenerInvoker(endpoint.bean(), endpoint.method(), jsonMapper),
                        settings.maxAttempts(), settings.retryBackoff(), deadLetters));
        List<ConsumerContainer> containers = new ArrayList<>();
        for (int i = 0; i < endpoint.concurrency(); i++) {
            containers.add(new ConsumerContainer(endpoint, i, client, settings, dispatch, events, observers));
        }
        containers.forEach(ConsumerContainer::consumerConfig);
        return containers;
    }
}

package dev.gregor.spring.listener.internal;

import java.util.ArrayList;
import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.RecordObserver;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/** Makes the containers of a listener endpoint: one per topic and unit of concurrency, sharing one invoker. */
public final class ContainerFactory {

    private final KafkaClient client;
    private final TopicTemplate template;
    private final @Nullable JsonMapper jsonMapper;
    private final ContainerSettings settings;
    private final ApplicationEventPublisher events;
    private final List<RecordObserver> observers;

    /** A factory for containers consuming through {@code client} and dead-lettering through {@code template}. */
    public ContainerFactory(KafkaClient client, TopicTemplate template, @Nullable JsonMapper jsonMapper,
                            ContainerSettings settings, ApplicationEventPublisher events, List<RecordObserver> observers) {
        this.client = client;
        this.template = template;
        this.jsonMapper = jsonMapper;
        this.settings = settings;
        this.events = events;
        this.observers = List.copyOf(observers);
    }

    /** The containers of {@code endpoint}. */
    public List<ConsumerContainer> create(ListenerEndpoint endpoint) {
        RecordDispatcher dispatcher = new RecordDispatcher(new ListenerInvoker(endpoint.bean(), endpoint.method(), jsonMapper),
                settings.maxAttempts(), settings.retryBackoff(),
                settings.deadLetter() ? new DeadLetterPublisher(client, template) : null);
        List<ConsumerContainer> containers = new ArrayList<>();
        for (String topic : endpoint.topics()) {
            for (int i = 0; i < endpoint.concurrency(); i++) {
                containers.add(new ConsumerContainer(endpoint, topic, i, client, settings, dispatcher, events, observers));
            }
        }
        return containers;
    }
}

package dev.gregor.spring.listener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.gregor.KafkaClient;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.spring.listener.internal.BatchDispatcher;
import dev.gregor.spring.listener.internal.BatchInvoker;
import dev.gregor.spring.listener.internal.ConsumerContainer;
import dev.gregor.spring.listener.internal.DeadLetterPublisher;
import dev.gregor.spring.listener.internal.ListenerDispatch;
import dev.gregor.spring.listener.internal.ListenerEndpoint;
import dev.gregor.spring.listener.internal.ListenerInvoker;
import dev.gregor.spring.listener.internal.ObservedCalls;
import dev.gregor.spring.listener.internal.RecordDispatcher;
import dev.gregor.spring.listener.internal.ReplyPublisher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the containers of {@link TopicListener} methods: one per unit of concurrency, each reading all the listener's
 * topics, sharing one invoker (which sends a non-void method's replies through the template).
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
    private final DeadLetterTopicResolver deadLetterTopics;
    private final @Nullable InvocationObserver invocationObserver;

    /**
     * A factory for containers consuming through {@code client} and dead-lettering through {@code template} to the
     * topics {@code deadLetterTopics} names, each listener call through {@code invocationObserver} (null: none).
     */
    public TopicListenerContainerFactory(KafkaClient client, TopicTemplate template, @Nullable JsonMapper jsonMapper,
                            ContainerSettings settings, ApplicationEventPublisher events, List<RecordObserver> observers,
                            DeadLetterTopicResolver deadLetterTopics, @Nullable InvocationObserver invocationObserver) {
        this.client = client;
        this.template = template;
        this.jsonMapper = jsonMapper;
        this.settings = settings;
        this.events = events;
        this.observers = List.copyOf(observers);
        this.deadLetterTopics = deadLetterTopics;
        this.invocationObserver = invocationObserver;
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
        Set<Class<? extends Throwable>> notRetryable = new HashSet<>(settings.notRetryable());
        notRetryable.addAll(endpoint.notRetryable());
        DeadLetterPublisher deadLetters = settings.deadLetter() && !endpoint.dltHandler()
                ? new DeadLetterPublisher(client, template, deadLetterTopics) : null;
        DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        ObservedCalls observed = new ObservedCalls(invocationObserver, endpoint.id(), endpoint.group());
        ListenerDispatch dispatch;
        if (endpoint.batch()) {
            dispatch = ListenerDispatch.of(new BatchDispatcher(new BatchInvoker(endpoint.bean(), endpoint.method(), jsonMapper),
                    settings.maxAttempts(), settings.retryBackoff(), notRetryable, deadLetters, random, observed),
                    endpoint.maxBatchSize() != null ? endpoint.maxBatchSize() : settings.maxBatchSize());
        } else {
            RecordDispatcher records = new RecordDispatcher(new ListenerInvoker(endpoint.bean(), endpoint.method(),
                    jsonMapper, endpoint.method().getReturnType() == void.class ? null
                            : new ReplyPublisher(endpoint.id(), endpoint.replyTopic(), template)),
                    settings.maxAttempts(), settings.retryBackoff(), notRetryable, deadLetters, random, observed);
            dispatch = endpoint.ordering() == TopicListener.Ordering.KEY
                    ? ListenerDispatch.keyOrdered(records, endpoint.parallelism()) : ListenerDispatch.of(records);
        }
        List<ConsumerContainer> containers = new ArrayList<>();
        for (int i = 0; i < endpoint.concurrency(); i++) {
            containers.add(new ConsumerContainer(endpoint, i, client, settings, dispatch, events, observers));
        }
        containers.forEach(ConsumerContainer::consumerConfig);
        return containers;
    }
}

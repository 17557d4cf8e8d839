package dev.gregor.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.gregor.spring.listener.internal.ConsumerContainer;
import dev.gregor.spring.listener.TopicListenerContainerFactory;
import dev.gregor.spring.listener.internal.ListenerEndpoint;
import org.springframework.context.SmartLifecycle;

/**
 * Owns every {@link TopicListener}'s containers: starts those marked {@code autoStartup} once the application
 * context is ready, and stops them all gracefully (each finishes its record, commits and leaves its group) before
 * the client closes. Look containers up here to pause, resume or inspect them.
 */
public final class TopicListenerRegistry implements SmartLifecycle {

    private final TopicListenerContainerFactory defaultFactory;
    private final Function<String, TopicListenerContainerFactory> namedFactories;
    private final Duration shutdownTimeout;
    private final Map<String, List<ConsumerContainer>> byListener = new ConcurrentHashMap<>();
    private final Map<String, ListenerEndpoint> endpoints = new ConcurrentHashMap<>();
    private volatile boolean running;

    /**
     * A registry making containers with {@code defaultFactory}, or with the factory {@code namedFactories} finds for
     * a listener's {@link TopicListener#containerFactory()}; stopping waits at most {@code shutdownTimeout} for all
     * containers together.
     */
    public TopicListenerRegistry(TopicListenerContainerFactory defaultFactory,
                                 Function<String, TopicListenerContainerFactory> namedFactories,
                                 Duration shutdownTimeout) {
        this.defaultFactory = defaultFactory;
        this.namedFactories = namedFactories;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Registers a listener; its containers start with the registry (or at once if it already runs). */
    public void register(ListenerEndpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
            throw new IllegalStateException("Two @TopicListener methods have the id '" + endpoint.id() + "'");
        }
        TopicListenerContainerFactory factory = endpoint.containerFactory() == null
                ? defaultFactory : namedFactories.apply(endpoint.containerFactory());
        List<ConsumerContainer> containers = factory.create(endpoint);
        byListener.put(endpoint.id(), containers);
        if (running && endpoint.autoStartup()) {
            containers.forEach(ConsumerContainer::start);
        }
    }

    /** Every container. */
    public List<ListenerContainer> containers() {
        List<ListenerContainer> all = new ArrayList<>();
        byListener.values().forEach(all::addAll);
        return all;
    }

    /** The containers of the listener with {@code listenerId}. */
    public List<ListenerContainer> containers(String listenerId) {
        return List.copyOf(byListener.getOrDefault(listenerId, List.of()));
    }

    /** The container with {@code id}. */
    public Optional<ListenerContainer> container(String id) {
        return containers().stream().filter(container -> container.id().equals(id)).findFirst();
    }

    /** Starts a listener's containers (for one registered with {@code autoStartup = "false"}). */
    public void start(String listenerId) {
        byListener.getOrDefault(listenerId, List.of()).forEach(ConsumerContainer::start);
    }

    /** Stops a listener's containers gracefully. */
    public void stop(String listenerId) {
        stopAll(byListener.getOrDefault(listenerId, List.of()));
    }

    @Override
    public void start() {
        running = true;
        endpoints.values().stream().filter(ListenerEndpoint::autoStartup)
                .forEach(endpoint -> byListener.get(endpoint.id()).forEach(ConsumerContainer::start));
    }

    @Override
    public void stop() {
        running = false;
        List<ConsumerContainer> all = new ArrayList<>();
        byListener.values().forEach(all::addAll);
        stopAll(all);
    }

    private void stopAll(List<ConsumerContainer> containers) {
        containers.forEach(container -> container.requestStop(shutdownTimeout.dividedBy(2)));
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        containers.forEach(container -> container.awaitStopped(
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), shutdownTimeout));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Late: after the client and everything else listeners need; stopped first, before the client closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}

package dev.gregor.spring.observation;

import java.util.List;

import dev.gregor.Message;
import dev.gregor.spring.listener.InvocationObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Runs each listener call in an Observation named {@code gregor.listener} (low-cardinality tags {@code listener} and
 * {@code topic}), in scope on the container's thread, so that what the listener sends or logs belongs to it.
 * Micrometer Tracing's receiver handler continues the trace found in the first record's headers.
 */
public final class ListenerObservations implements InvocationObserver {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "gregor.listener";

    private final ObservationRegistry registry;

    /** Observations in {@code registry}. */
    public ListenerObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void observe(String listenerId, @Nullable String group, List<Message> records, Invocation call)
            throws Throwable {
        ListenerReceiverContext context = new ListenerReceiverContext(listenerId, group, records);
        String topic = context.topic();
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName(topic + " process")
                .lowCardinalityKeyValue("listener", listenerId)
                .lowCardinalityKeyValue("topic", topic)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            call.proceed();
        } catch (Throwable failure) {
            observation.error(failure);
            throw failure;
        } finally {
            observation.stop();
        }
    }
}

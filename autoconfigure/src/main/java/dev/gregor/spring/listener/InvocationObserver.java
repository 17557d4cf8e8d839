package dev.gregor.spring.listener;

import java.util.List;

import dev.gregor.Message;
import org.jspecify.annotations.Nullable;

/**
 * Wraps each call of a {@link TopicListener} method, each attempt of a retried record or batch included: where
 * observation and tracing plug in. The auto-configured one (with an {@code ObservationRegistry} bean and
 * {@code gregor.listener.observation-enabled=true}) runs each call in a Micrometer {@code Observation}.
 */
public interface InvocationObserver {

    /**
     * Runs {@code call}, the method's call for {@code records} (one for a record listener, the batch in order for a
     * batch listener) of listener {@code listenerId} in {@code group} (null: none), on the container's thread, and
     * lets whatever it throws through.
     */
    void observe(String listenerId, @Nullable String group, List<Message> records, Invocation call) throws Throwable;

    /** The listener method's call. */
    @FunctionalInterface
    interface Invocation {

        /** Calls the method. */
        void proceed() throws Throwable;
    }
}

package dev.gregor.spring.listener.internal;

import java.util.List;

import dev.gregor.Message;
import dev.gregor.spring.listener.InvocationObserver;
import org.jspecify.annotations.Nullable;

/** One listener's method calls as its {@link InvocationObserver} sees them, or straight calls when it has none. */
public final class ObservedCalls {

    private final @Nullable InvocationObserver observer;
    private final String listenerId;
    private final @Nullable String group;

    /** Calls of listener {@code listenerId} in {@code group} (null: none), through {@code observer} (null: none). */
    public ObservedCalls(@Nullable InvocationObserver observer, String listenerId, @Nullable String group) {
        this.observer = observer;
        this.listenerId = listenerId;
        this.group = group;
    }

    /** The retried call of a record listener: {@code call} itself when nobody observes, so it costs nothing then. */
    ListenerRetries.Call of(Message record, ListenerRetries.Call call) {
        InvocationObserver watching = observer;
        if (watching == null) {
            return call;
        }
        return () -> watching.observe(listenerId, group, List.of(record), call::run);
    }

    /** The retried call of a batch listener, as {@link #of(Message, ListenerRetries.Call)}. */
    ListenerRetries.Call of(List<Message> records, ListenerRetries.Call call) {
        InvocationObserver watching = observer;
        if (watching == null) {
            return call;
        }
        return () -> watching.observe(listenerId, group, records, call::run);
    }
}

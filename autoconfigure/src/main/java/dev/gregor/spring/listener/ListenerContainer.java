package dev.gregor.spring.listener;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One consumer driving a {@link TopicListener} method on its own thread. */
public interface ListenerContainer {

    /** The container's id ({@code <listener id>-<topic>-<n>}). */
    String id();

    /** The listener id it belongs to. */
    String listenerId();

    /** The topic it reads. */
    String topic();

    /** The consumer group, if any. */
    Optional<String> group();

    /** Whether its thread runs (possibly paused, possibly retrying a connection). */
    boolean isRunning();

    /** Whether it was stopped by a failure it could not handle, rather than by a stop request. */
    Optional<Throwable> failure();

    /**
     * Why it cannot consume now (a missing topic, unreachable brokers) while it retries in the background; empty
     * once it consumes again.
     */
    Optional<Throwable> problem();

    /** The partitions it reads now. */
    Set<Integer> assignment();

    /** Records behind the end of each partition it reads (empty while not connected). */
    Map<Integer, Long> lag();

    /** Stops handing records to the listener (the current one finishes); fetching stays bounded. */
    void pause();

    /** Undoes {@link #pause()}. */
    void resume();

    /** Whether it is paused. */
    boolean isPaused();
}

package dev.gregor.spring.listener;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gregor.TopicPartition;

/** One consumer driving a {@link TopicListener} method on its own thread. */
public interface ListenerContainer {

    /** The container's id ({@code <listener id>-<n>}, n from 0 to the listener's concurrency - 1). */
    String id();

    /** The listener id it belongs to. */
    String listenerId();

    /**
     * The topics it reads: those named, or those its pattern matches now (known once it is connected; empty before
     * that for a pattern).
     */
    Set<String> topics();

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
    Set<TopicPartition> assignment();

    /** Records behind the end of each partition it reads (empty while not connected). */
    Map<TopicPartition, Long> lag();

    /**
     * Stops handing records to the listener (the current one finishes; with key ordering, those in flight do);
     * fetching stays bounded.
     */
    void pause();

    /** Undoes {@link #pause()}. */
    void resume();

    /** Whether it is paused. */
    boolean isPaused();
}

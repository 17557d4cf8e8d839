package dev.gregor.spring.listener;

import dev.gregor.Message;

/** Told about each record a container handled, for metrics; must be quick and thread-safe. */
public interface RecordObserver {

    /** {@code message} was processed by the listener (or dead-lettered, when {@code deadLettered}). */
    void processed(ListenerContainer container, Message message, boolean deadLettered);
}

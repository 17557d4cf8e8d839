package dev.gregor.spring.listener.internal;

import dev.gregor.Message;

/** Told, in the listener thread, of each record of a batch once it is processed or dead-lettered. */
@FunctionalInterface
interface RecordOutcome {

    /** {@code message} is done with: processed by the listener, or dead-lettered when {@code deadLettered}. */
    void handled(Message message, boolean deadLettered);
}

package dev.gregor.spring.listener.internal;

/** A record could be neither processed nor dead-lettered: the container must stop without committing past it. */
public final class ListenerFailedException extends RuntimeException {

    ListenerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

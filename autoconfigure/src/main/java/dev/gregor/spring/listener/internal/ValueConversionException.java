package dev.gregor.spring.listener.internal;

/** A record's value (or key or header) cannot become the listener's parameter type: a poison pill, never retried. */
public final class ValueConversionException extends RuntimeException {

    ValueConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.gregor.internal.producer;

import java.time.Duration;

import dev.gregor.DeliveryException;

/** The failure of a record that a producer's {@code close(timeout)} gave up on, the same on both backends. */
public final class ClosedBeforeDelivery {

    private ClosedBeforeDelivery() {
    }

    /** Why a record of {@code topic}/{@code partition} was not delivered: the producer closed after {@code timeout}. */
    public static DeliveryException failure(String topic, int partition, Duration timeout, Throwable cause) {
        return new DeliveryException(topic, partition, "the producer was closed before the broker acknowledged it"
                + " (close waited " + timeout.toMillis() + " ms). Give close() more time, or check that the brokers"
                + " are reachable" + (cause != null ? "; last error: " + cause.getMessage() : ""), cause);
    }
}

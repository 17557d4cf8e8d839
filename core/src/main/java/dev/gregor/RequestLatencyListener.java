package dev.gregor;

/**
 * Told of each answered request's latency, for histograms and timers ({@link KafkaClient.Builder#requestLatencyListener}).
 * Called on the client's I/O thread for every response: return at once, never block, never throw.
 */
@FunctionalInterface
public interface RequestLatencyListener {

    /**
     * A request of {@code api} (as Kafka's schemas spell it, {@code "Fetch"}) was answered {@code nanos} after it was
     * written.
     */
    void answered(String api, long nanos);
}

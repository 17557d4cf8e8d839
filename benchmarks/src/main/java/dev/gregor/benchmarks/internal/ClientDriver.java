package dev.gregor.benchmarks.internal;

/** Runs the scenarios with one client; each method warms up first, then measures. */
public interface ClientDriver {

    /** Produces the scenario's records (plus a tenth to warm up) to {@code topic} as fast as possible. */
    Result produce(String bootstrap, String topic, Scenario scenario, double scale) throws Exception;

    /** Reads the scenario's records (after a tenth read to warm up) from the pre-filled {@code topic}. */
    Result consume(String bootstrap, String topic, Scenario scenario, double scale) throws Exception;

    /** Produces at {@link Scenario#LATENCY_RATE} records a second and measures send-to-acknowledgement latency. */
    Result latency(String bootstrap, String topic, Scenario scenario, double scale) throws Exception;
}

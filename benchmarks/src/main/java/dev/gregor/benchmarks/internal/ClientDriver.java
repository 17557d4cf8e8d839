package dev.gregor.benchmarks.internal;

/** Runs the scenarios with one client; each method warms up first, then measures, as {@link Sizing} says. */
public interface ClientDriver {

    /** Produces to {@code topic} (or the scenario's topics named after it) as fast as the client goes. */
    Result produce(String bootstrap, String topic, Scenario scenario, Sizing sizing) throws Exception;

    /**
     * Reads the scenario's topics named after {@code topic}, which hold {@code prefilled} records in all, from the
     * beginning; having read them all, it reads them again from the beginning, as long as the phase lasts.
     */
    Result consume(String bootstrap, String topic, Scenario scenario, Sizing sizing, long prefilled) throws Exception;

    /** Produces at {@link Scenario#LATENCY_RATE} records a second and measures send-to-acknowledgement latency. */
    Result latency(String bootstrap, String topic, Scenario scenario, Sizing sizing) throws Exception;
}

package dev.gregor.benchmarks.internal;

import java.util.List;

import dev.gregor.Backend;

/** The clients under test, by the name the command line and the reports use. */
public final class Clients {

    /** The Java clients, the reference ({@code kafka-clients}) first. */
    public static final List<String> JAVA = List.of(KafkaClientsDriver.NAME, "gregor", "gregor-kafka-clients");

    /**
     * Every client: the Java ones, librdkafka (through {@code kcat}, where installed), and for keyed listener scenarios
     * a raw Gregor consumer handing records to a thread pool.
     */
    public static final List<String> ALL = List.of(KafkaClientsDriver.NAME, "gregor", "gregor-kafka-clients",
            KcatDriver.NAME, PooledConsumerRun.NAME);

    private Clients() {
    }

    /** The driver of {@code name}. */
    public static ClientDriver driver(String name) {
        return switch (name) {
            case KafkaClientsDriver.NAME -> new KafkaClientsDriver();
            case "gregor", PooledConsumerRun.NAME -> new GregorDriver(Backend.NATIVE, name);
            case "gregor-kafka-clients" -> new GregorDriver(Backend.KAFKA_CLIENTS, name);
            case KcatDriver.NAME -> new KcatDriver();
            default -> throw new IllegalArgumentException("Unknown client '" + name + "'; choose from " + ALL);
        };
    }

    /**
     * Whether {@code client} can run {@code scenario} (kcat: one topic, no fixed rate; the pooled consumer: keyed
     * listener scenarios only; the rest: all).
     */
    public static boolean runs(String client, Scenario scenario) {
        if (client.equals(PooledConsumerRun.NAME)) {
            return scenario.kind() == Scenario.Kind.LISTENER && scenario.keys() > 0;
        }
        return !client.equals(KcatDriver.NAME) || KcatDriver.runs(scenario);
    }

    /**
     * Runs {@code scenario} with {@code client} in this JVM; a reading scenario reads its {@code prefilled} records
     * (in all its topics) from the beginning, again and again as long as the run lasts.
     */
    public static Result run(String client, Scenario scenario, String bootstrap, String topic, Sizing sizing,
                             long prefilled) throws Exception {
        ClientDriver driver = driver(client);
        return switch (scenario.kind()) {
            case PRODUCE -> driver.produce(bootstrap, topic, scenario, sizing);
            case CONSUME -> driver.consume(bootstrap, topic, scenario, sizing, prefilled);
            case LISTENER -> client.equals(PooledConsumerRun.NAME)
                    ? PooledConsumerRun.run(scenario, bootstrap, topic, sizing.scale())
                    : SpringListenerRun.run(client, scenario, bootstrap, topic, sizing.scale());
            case LATENCY -> driver.latency(bootstrap, topic, scenario, sizing);
        };
    }
}

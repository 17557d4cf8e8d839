package dev.gregor.benchmarks.internal;

import java.util.List;

import dev.gregor.Backend;

/** The clients under test, by the name the command line and the reports use. */
public final class Clients {

    /** Every client, the reference ({@code kafka-clients}) first. */
    public static final List<String> ALL = List.of(KafkaClientsDriver.NAME, "gregor", "gregor-kafka-clients");

    private Clients() {
    }

    /** The driver of {@code name}. */
    public static ClientDriver driver(String name) {
        return switch (name) {
            case KafkaClientsDriver.NAME -> new KafkaClientsDriver();
            case "gregor" -> new GregorDriver(Backend.NATIVE, name);
            case "gregor-kafka-clients" -> new GregorDriver(Backend.KAFKA_CLIENTS, name);
            default -> throw new IllegalArgumentException("Unknown client '" + name + "'; choose from " + ALL);
        };
    }

    /** Runs {@code scenario} with {@code client} in this JVM. */
    public static Result run(String client, Scenario scenario, String bootstrap, String topic, double scale) throws Exception {
        ClientDriver driver = driver(client);
        return switch (scenario.kind()) {
            case PRODUCE -> driver.produce(bootstrap, topic, scenario, scale);
            case CONSUME -> driver.consume(bootstrap, topic, scenario, scale);
            case LISTENER -> SpringListenerRun.run(client, scenario, bootstrap, topic, scale);
            case LATENCY -> driver.latency(bootstrap, topic, scenario, scale);
        };
    }
}

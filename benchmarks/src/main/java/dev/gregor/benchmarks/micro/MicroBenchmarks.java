package dev.gregor.benchmarks.micro;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import dev.gregor.benchmarks.internal.ForkedRun;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks (one fork, short iterations: about a minute) and prints each operation's rate for
 * Gregor and kafka-clients with their ratio.
 */
public final class MicroBenchmarks {

    private static final String GREGOR = "gregor";
    private static final String KAFKA_CLIENTS = "kafkaClients";

    private MicroBenchmarks() {
    }

    /** Runs every micro-benchmark (one fork, 3 + 5 iterations of a second) and returns the table it printed. */
    public static String run() throws RunnerException {
        return run(1, 3, 5, TimeValue.seconds(1));
    }

    /**
     * Runs every micro-benchmark in {@code forks} fresh JVMs (0: in this one) with the given iterations and returns
     * the table it printed.
     */
    static String run(int forks, int warmups, int iterations, TimeValue iterationTime) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(RecordBatchBenchmark.class.getName())
                .forks(forks)
                .jvmArgs(ForkedRun.JVM_OPTIONS.toArray(String[]::new))
                .warmupIterations(warmups)
                .warmupTime(iterationTime)
                .measurementIterations(iterations)
                .measurementTime(iterationTime)
                .build();
        String table = table(new Runner(options).run());
        System.out.println();
        System.out.print(table);
        return table;
    }

    /** One line per operation and codec: batches a second for each client and Gregor's ratio to kafka-clients. */
    static String table(Collection<RunResult> results) {
        Map<String, Map<String, Double>> byOperation = new TreeMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String client = method.startsWith(GREGOR) ? GREGOR : KAFKA_CLIENTS;
            String operation = method.substring(client.length()).toLowerCase() + " " + result.getParams().getParam("codec");
            byOperation.computeIfAbsent(operation, ignored -> new TreeMap<>()).put(client, result.getPrimaryResult().getScore());
        }
        StringBuilder table = new StringBuilder(String.format("%-14s %16s %16s %8s%n", "batch of " + RecordBatchBenchmark.RECORDS,
                "gregor ops/s", "kafka-clients", "x"));
        byOperation.forEach((operation, scores) -> {
            double gregor = scores.getOrDefault(GREGOR, Double.NaN);
            double kafkaClients = scores.getOrDefault(KAFKA_CLIENTS, Double.NaN);
            table.append(String.format("%-14s %16.0f %16.0f %8.2f%n", operation, gregor, kafkaClients, gregor / kafkaClients));
        });
        return table.toString();
    }
}

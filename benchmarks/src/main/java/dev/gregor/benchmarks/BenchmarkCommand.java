package dev.gregor.benchmarks;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.gregor.benchmarks.internal.Clients;
import dev.gregor.benchmarks.internal.ForkedRun;
import dev.gregor.benchmarks.internal.Measurement;
import dev.gregor.benchmarks.internal.Report;
import dev.gregor.benchmarks.internal.Result;
import dev.gregor.benchmarks.internal.Scenario;
import dev.gregor.benchmarks.micro.MicroBenchmarks;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a one-broker testkit cluster, runs every scenario with every client (each run in a fresh JVM), prints the
 * table with ratios to kafka-clients and writes CSV and PNG charts.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Throughput, CPU and latency of Gregor (both backends) and kafka-clients on a real broker.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--scale", description = "Multiplies every scenario's record count (default ${DEFAULT-VALUE}).")
    double scale = 1.0;

    @Option(names = "--clients", split = ",", description = "Clients to run (default: all): ${COMPLETION-CANDIDATES}")
    List<String> clients = Clients.ALL;

    @Option(names = "--scenarios", split = ",", description = "Scenarios to run (default: all): ${COMPLETION-CANDIDATES}")
    List<Scenario> scenarios = List.of(Scenario.values());

    @Option(names = "--out", description = "Where results.csv and the charts go (default ${DEFAULT-VALUE}).")
    Path out = Path.of("benchmarks", "results");

    @Option(names = "--jfr", description = "Record a JFR profile of every run into this directory.")
    Path profiles;

    @Option(names = "--micro", description = "Run the JMH micro-benchmarks of the record format instead (no broker).")
    boolean micro;

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (micro) {
            MicroBenchmarks.run();
            return 0;
        }
        List<Result> results = new ArrayList<>();
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().brokers(1)
                .brokerJvmOptions(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:-UsePerfData")).start()) {
            String bootstrap = cluster.bootstrapServers();
            for (Scenario scenario : scenarios) {
                String shared = scenario.name().toLowerCase();
                boolean prefilled = scenario.kind() == Scenario.Kind.CONSUME || scenario.kind() == Scenario.Kind.LISTENER;
                if (prefilled) {
                    List<String> topics = scenario.topicNames(shared);
                    topics.forEach(topic -> cluster.createTopic(topic, scenario.partitions(), 1));
                    prefill(bootstrap, topics, scenario);
                }
                for (String client : clients) {
                    String topic = shared;
                    if (!prefilled) {
                        topic = shared + "-" + client;
                        for (String name : scenario.topicNames(topic)) {
                            cluster.createTopic(name, scenario.partitions(), 1);
                        }
                    }
                    System.out.printf("running %s with %s%n", scenario, client);
                    results.add(ForkedRun.run(client, scenario, bootstrap, topic, scale, profiles));
                }
            }
        }
        Report report = new Report(results);
        System.out.println();
        System.out.println("Gregor benchmarks, " + LocalDate.now() + ", scale " + scale + " (x = ratio to kafka-clients)");
        System.out.print(report.table());
        report.write(out);
        System.out.println("Wrote " + out.resolve("results.csv") + ", throughput.png and cpu.png");
        return 0;
    }

    /** Writes a reading scenario's records (plus the warm-up tenth) once, with kafka-clients, spread over its topics. */
    private void prefill(String bootstrap, List<String> topics, Scenario scenario) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("linger.ms", "5");
        config.put("batch.size", Integer.toString(64 * 1024));
        byte[] value = Measurement.value(scenario.valueSize());
        int records = scenario.records(scale) + scenario.records(scale) / 10;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topics.get(i % topics.size()), value));
            }
        }
    }
}

package dev.gregor.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.gregor.benchmarks.internal.Clients;
import dev.gregor.benchmarks.internal.CommandLineReadRun;
import dev.gregor.benchmarks.internal.CommandLineReport;
import dev.gregor.benchmarks.internal.ForkedRun;
import dev.gregor.benchmarks.internal.KafkaClientsDriver;
import dev.gregor.benchmarks.internal.KcatDriver;
import dev.gregor.benchmarks.internal.Measurement;
import dev.gregor.benchmarks.internal.Phase;
import dev.gregor.benchmarks.internal.Report;
import dev.gregor.benchmarks.internal.Result;
import dev.gregor.benchmarks.internal.RunOrder;
import dev.gregor.benchmarks.internal.Scenario;
import dev.gregor.benchmarks.internal.Sizing;
import dev.gregor.benchmarks.micro.MicroBenchmarks;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a one-broker testkit cluster, warms it with a throwaway run, then runs every scenario several times with
 * every client, interleaved (A B C A B C ...), each Java run in a fresh JVM; prints the table of medians, ranges and
 * paired ratios to kafka-clients and writes CSV files and PNG charts.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Throughput, CPU and latency of Gregor (both backends), kafka-clients and librdkafka on a real broker.")
public final class BenchmarkCommand implements Callable<Integer> {

    /** The scenarios of a default (steady-state) suite: what fits in about 15 minutes on 2 cores. */
    static final List<Scenario> STEADY_SCENARIOS = List.of(Scenario.PRODUCE_100B_ACKS1, Scenario.PRODUCE_1KIB_ACKS1,
            Scenario.PRODUCE_100B_50_TOPICS, Scenario.CONSUME_100B, Scenario.LATENCY_100B_AT_20K);

    /** The clients of a default (steady-state) suite. */
    static final List<String> STEADY_CLIENTS = List.of(KafkaClientsDriver.NAME, "gregor", KcatDriver.NAME);

    @Option(names = "--quick", description = "A fast look: one run each, sized by record count (the scenarios' "
            + "counts times --scale, a tenth more first to warm up), every scenario and client by default.")
    boolean quick;

    @Option(names = "--runs", description = "Runs of each scenario per client, interleaved (default 3; 1 with --quick).")
    Integer runs;

    @Option(names = "--warmup", description = "Seconds each run warms up before it measures (default ${DEFAULT-VALUE}).")
    double warmupSeconds = 5;

    @Option(names = "--span", description = "Seconds each run measures (default ${DEFAULT-VALUE}).")
    double spanSeconds = 10;

    @Option(names = "--scale", description = "Multiplies the record counts of --quick runs, of the listener runs and "
            + "of the pre-filled topics that reading runs read again and again (default ${DEFAULT-VALUE}).")
    double scale = 1.0;

    @Option(names = "--clients", split = ",", description = "Clients to run (default: " + KafkaClientsDriver.NAME
            + ",gregor," + KcatDriver.NAME + "; with --quick all): ${COMPLETION-CANDIDATES}",
            completionCandidates = ClientNames.class)
    List<String> clients;

    @Option(names = "--scenarios", split = ",", description = "Scenarios to run (default: PRODUCE_100B_ACKS1, "
            + "PRODUCE_1KIB_ACKS1, PRODUCE_100B_50_TOPICS, CONSUME_100B, LATENCY_100B_AT_20K; "
            + "with --quick all): ${COMPLETION-CANDIDATES}")
    List<Scenario> scenarios;

    @Option(names = "--out", description = "Where results.csv, runs.csv and the charts go (default ${DEFAULT-VALUE}).")
    Path out = Path.of("benchmarks", "results");

    @Option(names = "--jfr", description = "Record a JFR profile of every Java run into this directory.")
    Path profiles;

    @Option(names = "--cli", description = "Compare the command-line tools instead: ./gregor consume --from beginning "
            + "--exit against kcat -C -e, each reading 1M x 100 B records (times --scale) as a whole process, "
            + "--runs times interleaved: time to the first record, total time, CPU.")
    boolean cli;

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
        if (cli) {
            return compareCommandLineTools(runs != null ? runs : 3);
        }
        Sizing sizing = new Sizing(quick, Duration.ofMillis((long) (warmupSeconds * 1000)),
                Duration.ofMillis((long) (spanSeconds * 1000)), scale);
        int runCount = runs != null ? runs : quick ? 1 : 3;
        List<String> chosenClients = new ArrayList<>(clients != null ? clients : quick ? Clients.ALL : STEADY_CLIENTS);
        chosenClients.forEach(Clients::driver); // an unknown name fails here, before the cluster starts
        if (chosenClients.contains(KcatDriver.NAME) && !KcatDriver.installed()) {
            System.out.println("Note: librdkafka is skipped: kcat is not on the PATH (Debian: apt-get install kcat).");
            chosenClients.remove(KcatDriver.NAME);
        }
        List<Scenario> chosenScenarios = scenarios != null ? scenarios : quick ? List.of(Scenario.values()) : STEADY_SCENARIOS;
        List<Result> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long started = System.nanoTime();
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().brokers(1)
                .brokerJvmOptions(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:-UsePerfData")).start()) {
            String bootstrap = cluster.bootstrapServers();
            warmBroker(cluster, sizing);
            for (Scenario scenario : chosenScenarios) {
                String shared = scenario.name().toLowerCase();
                boolean prefilled = scenario.kind() == Scenario.Kind.CONSUME || scenario.kind() == Scenario.Kind.LISTENER;
                long records = 0;
                if (prefilled) {
                    List<String> topics = scenario.topicNames(shared);
                    topics.forEach(topic -> cluster.createTopic(topic, scenario.partitions(), 1));
                    records = prefill(bootstrap, topics, scenario);
                } else {
                    for (String client : chosenClients) {
                        scenario.topicNames(shared + "-" + client).forEach(name -> cluster.createTopic(name, scenario.partitions(), 1));
                    }
                }
                for (RunOrder.Slot slot : RunOrder.of(scenario, chosenClients, runCount)) {
                    String topic = prefilled ? shared : shared + "-" + slot.client();
                    long runStarted = System.nanoTime();
                    Result result = run(slot.client(), scenario, bootstrap, topic, sizing, records, slot.run())
                            .withRun(slot.run());
                    System.out.printf(Locale.ROOT, "%s run %d %-21s %10.0f records/s %7.3f CPU s/M "
                                    + "(%d records in %.1f s; the run took %.1f s)%n", scenario, slot.run(), slot.client(),
                            result.recordsPerSecond(), result.cpuSecondsPerMillion(), result.records(), result.nanos() / 1e9,
                            (System.nanoTime() - runStarted) / 1e9);
                    results.add(result);
                }
                if (scenario.kind() == Scenario.Kind.PRODUCE && chosenClients.contains(KcatDriver.NAME)
                        && KcatDriver.runs(scenario)) {
                    notes.add(String.format(Locale.ROOT, "%s: librdkafka's input, read by cat > /dev/null fed the same way, costs "
                            + "%.3f CPU s/M (part of kcat's figure)", scenario,
                            KcatDriver.inputReadingCpuSecondsPerMillion(scenario, Phase.ofTime(Duration.ofSeconds(2)))));
                }
            }
        }
        Report report = new Report(results);
        System.out.println();
        System.out.printf(Locale.ROOT, "Gregor benchmarks, %s, %s, %d run(s) each, interleaved; medians, (min-max), "
                        + "x = median of the ratios to kafka-clients run by run; suite took %.1f min%n", LocalDate.now(),
                quick ? "--quick (sized by records, scale " + scale + ")"
                        : "warm-up " + warmupSeconds + " s, span " + spanSeconds + " s",
                runCount, (System.nanoTime() - started) / 60e9);
        System.out.print(report.table());
        notes.forEach(System.out::println);
        report.write(out);
        System.out.println("Wrote " + out.resolve("results.csv") + ", runs.csv, throughput.png and cpu.png");
        return 0;
    }

    /**
     * Fills a 6-partition topic with 1M x 100 B (times --scale), has each tool read it once to warm up (the broker's
     * cache, the gregor jar built), then reads it whole {@code runs} times per tool, interleaved, and prints the table.
     */
    private int compareCommandLineTools(int runs) throws Exception {
        List<String> tools = new ArrayList<>(List.of("gregor"));
        if (KcatDriver.installed()) {
            tools.add("kcat");
        } else {
            System.out.println("Note: kcat is not on the PATH (Debian: apt-get install kcat): gregor runs alone.");
        }
        Scenario shape = Scenario.CONSUME_100B;
        int records = (int) Math.round(1_000_000 * scale);
        List<CommandLineReadRun> measured = new ArrayList<>();
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().brokers(1)
                .brokerJvmOptions(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:-UsePerfData")).start()) {
            String bootstrap = cluster.bootstrapServers();
            String topic = "cli-read";
            cluster.createTopic(topic, shape.partitions(), 1);
            prefill(bootstrap, List.of(topic), shape.valueSize(), records, 0);
            for (int run = 0; run <= runs; run++) {
                for (String tool : tools) {
                    CommandLineReadRun result = tool.equals("kcat") ? CommandLineReadRun.kcat(bootstrap, topic)
                            : CommandLineReadRun.gregor(Path.of("gregor").toAbsolutePath(), bootstrap, topic);
                    if (result.records() != records) {
                        throw new IllegalStateException(tool + " printed " + result.records() + " records of " + records);
                    }
                    System.out.printf(Locale.ROOT, "%s %-6s first record after %.3f s, all %d in %.2f s, %.2f CPU s%n",
                            run == 0 ? "warm-up" : "run " + run, tool, result.firstRecordNanos() / 1e9, result.records(),
                            result.totalNanos() / 1e9, result.cpuNanos() / 1e9);
                    if (run > 0) {
                        measured.add(result);
                    }
                }
            }
        }
        System.out.println();
        System.out.print(CommandLineReport.table(measured, records));
        return 0;
    }

    /** Has the broker serve one throwaway run first, so that the first measured run does not meet it cold. */
    private void warmBroker(EmbeddedKafkaCluster cluster, Sizing sizing) throws Exception {
        System.out.println("warming the broker up: one throwaway kafka-clients run of " + Scenario.PRODUCE_100B_ACKS1);
        cluster.createTopic("broker-warm-up", Scenario.PRODUCE_100B_ACKS1.partitions(), 1);
        ForkedRun.run(KafkaClientsDriver.NAME, Scenario.PRODUCE_100B_ACKS1, cluster.bootstrapServers(), "broker-warm-up",
                sizing, 0, null);
    }

    /** One run: kcat as a child process of this JVM (it has no JIT of its own), a Java client in a fresh JVM. */
    private Result run(String client, Scenario scenario, String bootstrap, String topic, Sizing sizing, long prefilled,
                       int run) throws Exception {
        if (client.equals(KcatDriver.NAME)) {
            return Clients.run(client, scenario, bootstrap, topic, sizing, prefilled);
        }
        Path profile = profiles == null ? null
                : profiles.resolve(scenario.name().toLowerCase() + "-" + client + "-" + run + ".jfr");
        return ForkedRun.run(client, scenario, bootstrap, topic, sizing, prefilled, profile);
    }

    /**
     * Writes a reading scenario's records (plus a tenth, what a quick run reads to warm up) once, with kafka-clients,
     * spread over its topics; returns how many.
     */
    private long prefill(String bootstrap, List<String> topics, Scenario scenario) {
        int records = scenario.records(scale) + scenario.records(scale) / 10;
        return prefill(bootstrap, topics, scenario.valueSize(), records, scenario.keys());
    }

    /** Writes {@code records} values of {@code valueSize} bytes over {@code topics} in turn, with {@code keys} keys (0: none). */
    private static int prefill(String bootstrap, List<String> topics, int valueSize, int records, int keys) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("linger.ms", "5");
        config.put("batch.size", Integer.toString(64 * 1024));
        // One request at a time per broker: on a topic just created, the first batches can meet NOT_LEADER, and with
        // several in flight kafka-clients' idempotent producer then retried a later one with OUT_OF_ORDER_SEQUENCE
        // endlessly (seen on LISTENER_KEYED_1MS's 12 partitions).
        config.put("max.in.flight.requests.per.connection", "1");
        byte[] value = Measurement.value(valueSize);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                byte[] key = keys == 0 ? null : ("k" + i % keys).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topics.get(i % topics.size()), key, value));
            }
        }
        return records;
    }

    /** The client names, for {@code --help}. */
    static final class ClientNames extends ArrayList<String> {
        ClientNames() {
            super(Clients.ALL);
        }
    }
}

package dev.gregor.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Scenario SCENARIO = Scenario.PRODUCE_100B_ACKS1;

    private final Result reference = run("kafka-clients", 1, 2_000_000_000L, 3_000_000_000L);
    private final Result gregor = run("gregor", 1, 1_000_000_000L, 1_500_000_000L);

    /** A million records in {@code nanos}, at {@code cpuNanos} of CPU, of which 0.1 s JIT and 0.2 s GC. */
    private static Result run(String client, int run, long nanos, long cpuNanos) {
        return new Result(client, SCENARIO, run, 1_000_000, 100_000_000, nanos, cpuNanos, 100_000_000, 200_000_000, -1, -1,
                30, 200_000);
    }

    @Test
    void figuresAreDerivedFromCountsAndTimes() {
        assertThat(gregor.recordsPerSecond()).isEqualTo(1_000_000.0);
        assertThat(gregor.cpuSecondsPerMillion()).isEqualTo(1.5);
        assertThat(gregor.applicationCpuSecondsPerMillion()).isCloseTo(1.2, within(1e-9));
        assertThat(gregor.jitCpuSecondsPerMillion()).isCloseTo(0.1, within(1e-9));
        assertThat(gregor.gcCpuSecondsPerMillion()).isCloseTo(0.2, within(1e-9));
        assertThat(Result.fromLine(gregor.toLine())).isEqualTo(gregor);
    }

    @Test
    void anUnknownSplitLeavesAllTheCpuToTheApplication() {
        Result kcat = new Result("librdkafka", SCENARIO, 1, 1_000_000, 100_000_000, 1_000_000_000L, 900_000_000L, -1, -1,
                -1, -1, -1, -1);

        assertThat(kcat.applicationCpuSecondsPerMillion()).isCloseTo(0.9, within(1e-9));
        assertThat(kcat.jitCpuSecondsPerMillion()).isNegative();
        assertThat(kcat.toCsv()).isEqualTo("librdkafka,PRODUCE_100B_ACKS1,1,1000000,1000000,95.37,0.900,0.900,,,,,-1,");
    }

    @Test
    void theMedianIsTheMiddleRunOrTheMeanOfTheMiddleTwo() {
        assertThat(Summary.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Summary.median(new double[] {4, 1, 3, 10})).isEqualTo(3.5);
    }

    @Test
    void ratiosPairRunIWithTheReferencesRunIThenTakeTheirMedian() {
        // the reference slows down in its run 2, and so does the client in the same run: the pairs say 2x each time,
        // while the ratio of the medians would say 1.5x (1.5 M/s over 1 M/s)
        Summary kafkaClients = new Summary(SCENARIO, "kafka-clients", List.of(
                run("kafka-clients", 1, 1_000_000_000L, 1), run("kafka-clients", 2, 2_000_000_000L, 1),
                run("kafka-clients", 3, 1_000_000_000L, 1)));
        Summary client = new Summary(SCENARIO, "gregor", List.of(
                run("gregor", 3, 500_000_000L, 1), run("gregor", 1, 500_000_000L, 1), run("gregor", 2, 1_000_000_000L, 1)));

        assertThat(client.pairedRatio(kafkaClients, Result::recordsPerSecond)).hasValue(2.0);
        assertThat(client.median(Result::recordsPerSecond) / kafkaClients.median(Result::recordsPerSecond)).isEqualTo(2.0);
        assertThat(client.runs()).extracting(Result::run).containsExactly(1, 2, 3);
    }

    @Test
    void aPairedRatioUsesOnlyTheRunsBothHave() {
        Summary kafkaClients = new Summary(SCENARIO, "kafka-clients", List.of(run("kafka-clients", 1, 1_000_000_000L, 1)));
        Summary client = new Summary(SCENARIO, "gregor", List.of(run("gregor", 1, 250_000_000L, 1),
                run("gregor", 2, 1_000_000_000L, 1)));

        assertThat(client.pairedRatio(kafkaClients, Result::recordsPerSecond)).hasValue(4.0);
        assertThat(new Summary(SCENARIO, "gregor", List.of(run("gregor", 2, 1, 1))).pairedRatio(kafkaClients,
                Result::recordsPerSecond)).isEmpty();
    }

    @Test
    void theTableGivesMediansRangesRatiosAndTheCpuSplit() {
        Result slowerRun = run("gregor", 2, 2_000_000_000L, 1_500_000_000L);
        Result slowerReference = run("kafka-clients", 2, 2_000_000_000L, 3_000_000_000L);
        String table = new Report(List.of(reference, gregor, slowerReference, slowerRun)).table();

        assertThat(table.lines().filter(line -> line.contains("gregor")).findFirst().orElseThrow())
                .contains(" 2 ", "750000", "500000-1000000", "1.500", "1.50", "0.50", "1.200", "0.100", "0.200");
    }

    @Test
    void writesTheSummaryTheRunsAndCharts(@TempDir Path directory) throws Exception {
        new Report(List.of(reference, gregor, run("gregor", 2, 4_000_000_000L, 1_500_000_000L))).write(directory);

        List<String> summary = Files.readAllLines(directory.resolve("results.csv"));
        assertThat(summary.get(0)).startsWith("client,scenario,runs,records_per_s,records_per_s_min,records_per_s_max,");
        assertThat(summary).hasSize(3).last().asString()
                .startsWith("gregor,PRODUCE_100B_ACKS1,2,625000,250000,1000000,");
        assertThat(Files.readAllLines(directory.resolve("runs.csv"))).hasSize(4)
                .last().asString().startsWith("gregor,PRODUCE_100B_ACKS1,2,1000000,250000,");
        assertThat(directory.resolve("throughput.png")).isNotEmptyFile();
        assertThat(directory.resolve("cpu.png")).isNotEmptyFile();
    }

    @Test
    void percentilesComeFromTheSortedLatencies() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000L;
        }
        assertThat(Measurement.percentileMicros(nanos, 50)).isEqualTo(50);
        assertThat(Measurement.percentileMicros(nanos, 99)).isEqualTo(99);
    }
}

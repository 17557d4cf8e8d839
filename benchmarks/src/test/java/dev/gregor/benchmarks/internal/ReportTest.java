package dev.gregor.benchmarks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private final Result reference = new Result("kafka-clients", Scenario.PRODUCE_100B_ACKS1, 1_000_000, 100_000_000,
            2_000_000_000L, 3_000_000_000L, -1, -1, 40, 300_000);
    private final Result gregor = new Result("gregor", Scenario.PRODUCE_100B_ACKS1, 1_000_000, 100_000_000,
            1_000_000_000L, 1_500_000_000L, -1, -1, 30, 200_000);

    @Test
    void figuresAreDerivedFromCountsAndTimes() {
        assertThat(gregor.recordsPerSecond()).isEqualTo(1_000_000.0);
        assertThat(gregor.cpuSecondsPerMillion()).isEqualTo(1.5);
        assertThat(Result.fromLine(gregor.toLine())).isEqualTo(gregor);
    }

    @Test
    void theTableGivesEachFigureAsARatioToKafkaClientsFromTheSameRun() {
        String table = new Report(List.of(reference, gregor)).table();

        assertThat(table.lines().filter(line -> line.contains("gregor")).findFirst().orElseThrow())
                .contains("1000000", "2.00", "0.50");
    }

    @Test
    void writesCsvAndCharts(@TempDir Path directory) throws Exception {
        new Report(List.of(reference, gregor)).write(directory);

        assertThat(Files.readAllLines(directory.resolve("results.csv"))).hasSize(3)
                .last().asString().startsWith("gregor,PRODUCE_100B_ACKS1,1000000,1000000,");
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

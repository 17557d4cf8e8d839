package dev.gregor.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.TimeValue;

/** The micro-benchmarks measure like for like and the harness reports every pair (no timing asserted). */
class MicroBenchmarksTest {

    @Test
    void bothClientsEncodeTheSameRecordsToTheSameBytesCount() {
        RecordBatchBenchmark benchmark = new RecordBatchBenchmark();
        benchmark.codec = "none";
        benchmark.encodeTheBatchesToDecode();
        try {
            // Uncompressed, one record format: the same records take exactly the same bytes in both encoders.
            assertThat(benchmark.gregorEncode()).isEqualTo(benchmark.kafkaClientsEncode()).isGreaterThan(100 * RecordBatchBenchmark.RECORDS);
        } finally {
            benchmark.release();
        }
    }

    @Test
    void theTableHasARatioForEveryOperationAndCodec() throws Exception {
        String table = MicroBenchmarks.run(0, 0, 1, TimeValue.milliseconds(50));

        assertThat(table.lines().skip(1)).extracting(line -> line.split("\\s+")[0] + " " + line.split("\\s+")[1])
                .containsExactly("decode lz4", "decode none", "encode lz4", "encode none");
        assertThat(table.lines().skip(1)).allSatisfy(line -> assertThat(Double.parseDouble(line.split("\\s+")[4])).isPositive());
    }
}

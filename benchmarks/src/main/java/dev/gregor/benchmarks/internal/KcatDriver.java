package dev.gregor.benchmarks.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.benchmarks.internal.TimedChildProcess.Outcome;

/**
 * librdkafka through Debian's {@code kcat}, each run a child process: {@code kcat -P} fed the records' values one a
 * line on its standard input (linger 5 ms, 64 KiB batches, acks and lz4 as the scenario says, idempotence with
 * acks=all, like the Java clients), or {@code kcat -C -e} reading the pre-filled topic from the beginning, a process
 * per pass. The CPU is the child's user + system time as its shell's {@code times} reports it, start-up included;
 * there is no JIT to warm, so the warm-up is a throwaway process of the warm-up's length before the measured one.
 * One topic a process: scenarios over several topics, and the fixed-rate latency run, are not run with it.
 */
public final class KcatDriver implements ClientDriver {

    public static final String NAME = "librdkafka";

    private static final int LINES_PER_WRITE = 4096;

    /** Whether {@code kcat} is on the PATH. */
    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "kcat"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether kcat can run {@code scenario}: producing to or reading from one topic. */
    public static boolean runs(Scenario scenario) {
        return (scenario.kind() == Scenario.Kind.PRODUCE || scenario.kind() == Scenario.Kind.CONSUME)
                && scenario.topicNames("t").size() == 1;
    }

    @Override
    public Result produce(String bootstrap, String topic, Scenario scenario, Sizing sizing) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat", "-P", "-q", "-b", bootstrap, "-t", topic,
                "-X", "linger.ms=5", "-X", "batch.size=65536", "-X", "acks=" + scenario.acks()));
        if (scenario.acks().equals("all")) {
            command.addAll(List.of("-X", "enable.idempotence=true"));
        }
        if (scenario.compression().equals("lz4")) {
            command.addAll(List.of("-z", "lz4"));
        }
        feed(command, sizing.warmup(scenario), scenario);
        long before = endOffsetSum(bootstrap, topic);
        Outcome measured = feed(command, sizing.span(scenario), scenario);
        long written = endOffsetSum(bootstrap, topic) - before;
        if (written != measured.records()) {
            throw new IllegalStateException("kcat was given " + measured.records() + " records, the topic got " + written);
        }
        return result(measured, scenario);
    }

    /**
     * The CPU seconds per million records that reading the input takes: {@code cat > /dev/null} fed like kcat
     * for {@code phase}. kcat splits the lines it reads besides, so its own cost of reading is at least this.
     */
    public static double inputReadingCpuSecondsPerMillion(Scenario scenario, Phase phase) throws Exception {
        return result(feed(List.of("cat"), phase, scenario), scenario).cpuSecondsPerMillion();
    }

    @Override
    public Result consume(String bootstrap, String topic, Scenario scenario, Sizing sizing, long prefilled) throws Exception {
        read(bootstrap, topic, sizing.warmup(scenario), prefilled, scenario);
        return result(read(bootstrap, topic, sizing.span(scenario), prefilled, scenario), scenario);
    }

    @Override
    public Result latency(String bootstrap, String topic, Scenario scenario, Sizing sizing) {
        throw new UnsupportedOperationException("kcat cannot send at a fixed rate");
    }

    /** Passes of {@code kcat -C} over the pre-filled records until the phase ends, their times and CPU summed. */
    private static Outcome read(String bootstrap, String topic, Phase phase, long prefilled, Scenario scenario)
            throws Exception {
        Outcome total = Outcome.NONE;
        while (!phase.endedAfter(total.records())) {
            long count = Math.min(prefilled, phase.remaining(total.records()));
            Outcome pass = TimedChildProcess.run(true, List.of("kcat", "-C", "-q", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e",
                    "-c", Long.toString(count), "-f", "."), process -> {
                        process.getOutputStream().close();
                        return countBytes(process.getInputStream());
                    });
            if (pass.records() != count) {
                throw new IllegalStateException("kcat read " + pass.records() + " records of " + count + " from " + topic);
            }
            total = total.plus(pass);
        }
        return total;
    }

    /** Runs {@code command} with the scenario's values on its standard input, a line each, until the phase ends. */
    private static Outcome feed(List<String> command, Phase phase, Scenario scenario) throws Exception {
        byte[] line = Measurement.value(scenario.valueSize());
        byte[] lines = new byte[(line.length + 1) * LINES_PER_WRITE];
        for (int i = 0; i < LINES_PER_WRITE; i++) {
            System.arraycopy(line, 0, lines, i * (line.length + 1), line.length);
            lines[i * (line.length + 1) + line.length] = '\n';
        }
        return TimedChildProcess.run(false, command, process -> {
            long written = 0;
            try (OutputStream input = process.getOutputStream()) {
                while (phase.goesOn(written)) {
                    int count = (int) Math.min(LINES_PER_WRITE, phase.remaining(written));
                    input.write(lines, 0, count * (line.length + 1));
                    written += count;
                }
            }
            return written;
        });
    }

    private static long countBytes(InputStream output) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int read; (read = output.read(buffer)) >= 0; ) {
            count += read;
        }
        return count;
    }

    private static long endOffsetSum(String bootstrap, String topic) {
        try (KafkaClient client = KafkaClient.connect(bootstrap)) {
            return client.topic(topic).latestOffsets().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Result result(Outcome outcome, Scenario scenario) {
        return new Result(NAME, scenario, 0, outcome.records(), outcome.records() * scenario.valueSize(), outcome.nanos(),
                outcome.cpuNanos(), -1, -1, -1, -1, -1, -1);
    }
}

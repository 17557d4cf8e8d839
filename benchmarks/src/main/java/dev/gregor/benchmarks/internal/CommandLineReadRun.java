package dev.gregor.benchmarks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import dev.gregor.benchmarks.internal.TimedChildProcess.Outcome;

/**
 * One read of a whole topic by a command-line tool, as a user runs it: {@code gregor consume --from beginning --exit}
 * or {@code kcat -C -o beginning -e}, each printing every value on a line of its own into a pipe this process drains
 * (as {@code > /dev/null} would, but counting). Measured from launching the process: until its first record arrives,
 * and until it exits; its CPU (user + system, JVM start-up and JIT included for Gregor).
 *
 * @param tool              {@code gregor} or {@code kcat}
 * @param records           records read (lines printed)
 * @param firstRecordNanos  from launching the process until its first record arrived
 * @param totalNanos        from launching it until it exited
 * @param cpuNanos          its user + system time
 */
public record CommandLineReadRun(String tool, long records, long firstRecordNanos, long totalNanos, long cpuNanos) {

    /** Reads {@code topic} whole with the repository's {@code gregor} script and returns the figures. */
    public static CommandLineReadRun gregor(Path script, String bootstrap, String topic) throws Exception {
        return run("gregor", List.of(script.toString(), "consume", topic, "--bootstrap-server", bootstrap,
                "--from", "beginning", "--exit", "--format", "%s\\n"));
    }

    /** Reads {@code topic} whole with Debian's {@code kcat} (librdkafka) and returns the figures. */
    public static CommandLineReadRun kcat(String bootstrap, String topic) throws Exception {
        return run("kcat", List.of("kcat", "-C", "-q", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e",
                "-f", "%s\\n"));
    }

    /** Records per second over the whole process's life. */
    public double recordsPerSecond() {
        return records / (totalNanos / 1e9);
    }

    private static CommandLineReadRun run(String tool, List<String> command) throws Exception {
        long launched = System.nanoTime();
        long[] firstRecordAt = {-1};
        Outcome outcome = TimedChildProcess.run(true, command, process -> {
            process.getOutputStream().close();
            return countLines(process.getInputStream(), () -> firstRecordAt[0] = System.nanoTime());
        });
        if (firstRecordAt[0] < 0) {
            throw new IllegalStateException(tool + " printed no record");
        }
        return new CommandLineReadRun(tool, outcome.records(), firstRecordAt[0] - launched, outcome.nanos(),
                outcome.cpuNanos());
    }

    private static long countLines(InputStream output, Runnable onFirstByte) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long lines = 0;
        boolean first = true;
        for (int read; (read = output.read(buffer)) >= 0; ) {
            if (first && read > 0) {
                onFirstByte.run();
                first = false;
            }
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return lines;
    }
}

package dev.gregor.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command as a child process under a shell that writes the child's CPU times (user + system, as bash's
 * {@code times} reports them) to a file when it exits, and times it from start to exit.
 */
public final class TimedChildProcess {

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private TimedChildProcess() {
    }

    /** What the test does with a running child's standard input and output; returns the records it handled. */
    @FunctionalInterface
    public interface Exchange {
        long with(Process process) throws IOException;
    }

    /**
     * Records, wall time and CPU of one child process (or of several, summed).
     *
     * @param records  what the exchange returned
     * @param nanos    from start to exit
     * @param cpuNanos the child's user + system time
     */
    public record Outcome(long records, long nanos, long cpuNanos) {

        static final Outcome NONE = new Outcome(0, 0, 0);

        /** This and {@code other} summed. */
        Outcome plus(Outcome other) {
            return new Outcome(records + other.records, nanos + other.nanos, cpuNanos + other.cpuNanos);
        }
    }

    /**
     * Runs {@code command}; its standard output goes to {@code exchange} if it {@code readsOutput}, else to /dev/null.
     * A child that fails or outlasts 10 minutes fails the run with its standard error.
     */
    public static Outcome run(boolean readsOutput, List<String> command, Exchange exchange) throws Exception {
        Path times = Files.createTempFile("child-times", ".txt");
        Path errors = Files.createTempFile("child-errors", ".txt");
        try {
            List<String> shell = new ArrayList<>(List.of("bash", "-c", "\"$@\"; status=$?; times > \"$0\"; exit $status",
                    times.toString()));
            shell.addAll(command);
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(shell).redirectError(errors.toFile());
            if (!readsOutput) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = builder.start();
            long records = exchange.with(process);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 10 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(errors));
            }
            long nanos = System.nanoTime() - start;
            return new Outcome(records, nanos, childCpuNanos(Files.readString(times)));
        } finally {
            Files.deleteIfExists(times);
            Files.deleteIfExists(errors);
        }
    }

    /** The children's user + system time from bash's {@code times} output (its second line). */
    static long childCpuNanos(String times) {
        String[] lines = times.strip().split("\n");
        Matcher matcher = TIMES.matcher(lines[lines.length - 1]);
        if (!matcher.find()) {
            throw new IllegalStateException("Unreadable CPU times from the shell: " + times);
        }
        double seconds = Integer.parseInt(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2))
                + Integer.parseInt(matcher.group(3)) * 60 + Double.parseDouble(matcher.group(4));
        return Math.round(seconds * 1e9);
    }
}

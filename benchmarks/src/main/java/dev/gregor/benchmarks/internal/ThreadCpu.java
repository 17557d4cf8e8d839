package dev.gregor.benchmarks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this process's JIT-compiler and GC threads, from {@code /proc/self/task/<tid>/stat} (user + system
 * ticks, at Linux's 100 ticks a second) and the thread names in {@code /proc/self/task/<tid>/comm}. Everything else,
 * threads that ended included, is the application's: the process total minus these two. Where {@code /proc} cannot be
 * read, both are zero.
 */
public final class ThreadCpu {

    /** What a JVM thread does, by its name. */
    enum Kind { APPLICATION, JIT, GC }

    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {
    }

    /** CPU nanoseconds so far of the live threads per kind (no entry for {@link Kind#APPLICATION}'s). */
    public static Map<Kind, Long> jvmThreadNanos() {
        Map<Kind, Long> nanos = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    Kind kind = kindOf(read(task.resolve("comm")).strip());
                    if (kind != Kind.APPLICATION) {
                        nanos.merge(kind, cpuTicks(read(task.resolve("stat"))) * NANOS_PER_TICK, Long::sum);
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended while being read: its time is the application's, as of every ended thread
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return nanos;
    }

    /**
     * The kind of a HotSpot thread by its (15-character) name: compiler threads ({@code C1/C2 CompilerThre...}) are
     * JIT; the collector's workers ({@code GC Thread#n}, {@code ParGC Thread#n}, {@code G1 ...}) and the
     * {@code VM Thread}, which runs the stop-the-world collections, are GC.
     */
    static Kind kindOf(String name) {
        if (name.contains("CompilerThre")) {
            return Kind.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("ParGC") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return Kind.GC;
        }
        return Kind.APPLICATION;
    }

    /**
     * User plus system ticks from a {@code stat} line: fields 14 and 15, counted after the name in parentheses
     * (which may itself hold spaces and parentheses, hence from its last {@code ')'}).
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    }
}

package dev.gregor.reliability;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link GroupMemberMain} running in a JVM of its own, on this JVM's class path: started, stopped with SIGTERM
 * ({@link #terminate()}, {@link Process#destroy()}) or SIGKILL ({@link #kill()}, {@link Process#destroyForcibly()}),
 * and read through its report file ({@link #report()}, brought up to date on each call).
 */
public final class MemberProcess implements AutoCloseable {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path reportFile;
    private final MemberReport report;
    private long readUpTo;
    private String partialLine = "";
    private volatile long stoppedAtMs = -1;
    private volatile boolean killed;

    private MemberProcess(String name, Process process, Path reportFile) {
        this.name = name;
        this.process = process;
        this.reportFile = reportFile;
        this.report = new MemberReport(name);
    }

    /**
     * Starts member {@code name} with {@code options} ({@link GroupMemberMain}'s arguments, without {@code report}),
     * its report and console output in {@code directory}.
     */
    public static MemberProcess start(String name, Map<String, String> options, Path directory) {
        Path reportFile = directory.resolve(name + ".report");
        Path console = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        // The console log is what explains a failed run: timestamps to match the report, group decisions in full.
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        command.add("-Dorg.slf4j.simpleLogger.log.dev.gregor.internal.group=debug");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GroupMemberMain.class.getName());
        options.forEach((option, value) -> command.add(option + "=" + value));
        command.add("report=" + reportFile);
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(reportFile);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(console.toFile()).start();
            return new MemberProcess(name, process, reportFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start member " + name + " with " + command, e);
        }
    }

    /** The member's name. */
    public String name() {
        return name;
    }

    /** Whether its JVM still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether it was ended with SIGKILL. */
    public boolean killed() {
        return killed;
    }

    /** When it was told to stop (SIGTERM or SIGKILL), epoch milliseconds; -1 while it runs. */
    public long stoppedAtMs() {
        return stoppedAtMs;
    }

    /** SIGTERM: the member closes its consumer (commits, leaves the group); waits until its JVM has exited. */
    public void terminate() {
        stopAsync();
        awaitExit();
    }

    /** SIGTERM without waiting for the exit (to stop several members at once). */
    public synchronized void stopAsync() {
        if (process.isAlive() && stoppedAtMs < 0) {
            stoppedAtMs = System.currentTimeMillis();
            process.destroy();
        }
    }

    /** SIGKILL: the JVM dies at once, without committing or leaving; waits until it is gone. */
    public void kill() {
        synchronized (this) {
            if (!process.isAlive()) {
                return;
            }
            stoppedAtMs = System.currentTimeMillis();
            killed = true;
            process.destroyForcibly();
        }
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("Member " + name + " did not exit within " + EXIT_WAIT
                        + " of SIGTERM; it was killed. Its console is next to " + reportFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the member reported so far. */
    public synchronized MemberReport report() {
        try (RandomAccessFile file = new RandomAccessFile(reportFile.toFile(), "r")) {
            if (file.length() > readUpTo) {
                byte[] fresh = new byte[(int) (file.length() - readUpTo)];
                file.seek(readUpTo);
                file.readFully(fresh);
                readUpTo += fresh.length;
                String text = partialLine + new String(fresh, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                for (String line : text.substring(0, end + 1).split("\n")) {
                    if (!line.isEmpty()) {
                        report.accept(line);
                    }
                }
                partialLine = text.substring(end + 1);
            }
        } catch (java.io.FileNotFoundException notYet) {
            // the member has not opened its report yet
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the report of member " + name + " at " + reportFile, e);
        }
        return report;
    }

    /** Kills the JVM if it still runs (for clean-up after a failed test). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

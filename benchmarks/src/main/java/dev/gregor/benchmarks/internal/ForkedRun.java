package dev.gregor.benchmarks.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ScenarioMain} in a fresh JVM with this JVM's class path and reads back its result. */
public final class ForkedRun {

    /** The JVM every measured run gets, so that no client has a heap or collector of its own. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");

    /**
     * Keeps every JIT-compiler thread alive for the whole run (HotSpot otherwise stops idle ones), so that none takes
     * its CPU time out of {@link ThreadCpu}'s sight.
     */
    private static final String STEADY_COMPILER_THREADS = "-XX:-UseDynamicNumberOfCompilerThreads";

    private ForkedRun() {
    }

    /**
     * The result of {@code client} running {@code scenario} (see {@link Clients#run}); fails with the child's output if
     * it has none. With a {@code profile} file, the run records a JFR profile into it.
     */
    public static Result run(String client, Scenario scenario, String bootstrap, String topic, Sizing sizing,
                             long prefilled, Path profile) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JVM_OPTIONS);
        command.add(STEADY_COMPILER_THREADS);
        if (profile != null) {
            Files.createDirectories(profile.toAbsolutePath().getParent());
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + profile.toAbsolutePath());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.gregor.benchmarks.ScenarioMain", client,
                scenario.name(), bootstrap, topic, Long.toString(prefilled)));
        command.addAll(sizing.toArgs());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Result result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = Result.fromLine(line.substring("RESULT ".length()));
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || result == null) {
            process.destroyForcibly();
            throw new IllegalStateException(client + " " + scenario + " produced no result:\n" + output);
        }
        return result;
    }
}

package dev.gregor.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@link GregorCommand#run} against one cluster with captured streams, as the tests' command line. */
final class Gregor {

    private final String bootstrap;

    Gregor(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Runs {@code args} with {@code --bootstrap-server} added and nothing on standard input. */
    Result run(String... args) {
        return withInput("", args);
    }

    /** Runs {@code args} with {@code --bootstrap-server} added and {@code input} on standard input. */
    Result withInput(String input, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--bootstrap-server");
        all.add(bootstrap);
        return exactly(input, Map.of(), all.toArray(String[]::new));
    }

    /** Runs exactly {@code args} with {@code env} as the environment. */
    static Result exactly(String input, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GregorCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * What one run left.
     *
     * @param exitCode its exit code
     * @param out      its standard output
     * @param err      its standard error
     */
    record Result(int exitCode, String out, String err) {

        /** Standard output's lines. */
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Standard error's lines. */
        List<String> errLines() {
            return err.lines().toList();
        }

        /** Standard output as one JSON document. */
        JsonNode json() {
            return JsonMapper.builder().build().readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}

package dev.gregor.cli.support;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What one run of the command talks to: its standard streams, its environment, and whether a person watches (a
 * terminal), which is when progress lines go to {@code err}.
 *
 * @param in       standard input (records to produce)
 * @param out      standard output (results)
 * @param err      standard error (errors, summaries, progress)
 * @param env      the environment variables ({@code GREGOR_BOOTSTRAP}, ...)
 * @param terminal whether standard output is a terminal
 */
public record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
}

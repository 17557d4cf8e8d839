package dev.gregor.cli.support;

import java.io.PrintStream;
import java.util.Map;

import picocli.CommandLine;

/**
 * Where a command's result goes: standard output, as tables and lines for people or as the JSON envelope with
 * {@code --json}. Summaries, warnings and progress go to standard error either way.
 */
public final class Output {

    private final Io io;
    private final boolean json;
    private final String command;

    /** Output of command {@code command} to {@code io}, as JSON if {@code json}. */
    public Output(Io io, boolean json, String command) {
        this.io = io;
        this.json = json;
        this.command = command;
    }

    /** The name of {@code commandLine}'s command as typed after {@code gregor}: {@code topic create}. */
    public static String commandName(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^gregor ?", "");
    }

    /** Whether the result goes out as JSON. */
    public boolean json() {
        return json;
    }

    /** Prints a table (JSON: an array of objects). */
    public void table(Table table) {
        if (json) {
            io.out().println(Json.success(command, table.toJson()));
        } else {
            table.print(io.out());
        }
    }

    /** Prints a report (JSON: one object). */
    public void report(Report report) {
        if (json) {
            io.out().println(Json.success(command, report.toJson()));
        } else {
            report.print(io.out());
        }
    }

    /** Prints what a command did: {@code line} for people, {@code data} for JSON. */
    public void done(String line, Map<String, Object> data) {
        io.out().println(json ? Json.success(command, data) : line);
    }

    /**
     * Prints a summary of what a command did: {@code line} on standard error for people (standard output stays the
     * records'), and {@code data} as the JSON envelope on standard output with {@code --json}.
     */
    public void summary(String line, Map<String, Object> data) {
        io.err().println(line);
        if (json) {
            io.out().println(Json.success(command, data));
        }
    }

    /** Standard error, for summaries, warnings and progress. */
    public PrintStream err() {
        return io.err();
    }
}

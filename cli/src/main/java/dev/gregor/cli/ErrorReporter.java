package dev.gregor.cli;

import java.time.Duration;

import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Connection;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Json;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Problem;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on standard error (and the {@code --json} error envelope on standard
 * output) and exit code 1; the stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    private final Io io;

    ErrorReporter(Io io) {
        this.io = io;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        Object command = commandLine.getCommand();
        ConnectedCommand connected = command instanceof ConnectedCommand c ? c : null;
        Problem problem = Problem.of(failure, connected == null ? new Connection("?", Duration.ZERO)
                : connected.connection());
        io.err().println(problem.message());
        if (connected != null && connected.verbose()) {
            failure.printStackTrace(io.err());
        }
        if (connected != null && connected.json()) {
            io.out().println(Json.failure(Output.commandName(commandLine), problem));
        }
        io.out().flush();
        return 1;
    }
}

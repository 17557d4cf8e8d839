package dev.gregor.cli;

import java.util.Arrays;

import dev.gregor.cli.support.ConnectedCommand;
import dev.gregor.cli.support.Connection;
import dev.gregor.cli.support.Io;
import dev.gregor.cli.support.Json;
import dev.gregor.cli.support.Output;
import dev.gregor.cli.support.Problem;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A usage error (a missing or malformed argument): one line on standard error naming it and where the help is (and
 * the {@code --json} error envelope when asked for), exit code 2.
 */
final class UsageErrorReporter implements IParameterExceptionHandler {

    private final Io io;

    UsageErrorReporter(Io io) {
        this.io = io;
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        String name = Output.commandName(commandLine);
        String message = failure.getMessage().replaceAll("\\s*\\R\\s*", " ").trim();
        if (!message.endsWith(".")) {
            message += ".";
        }
        io.err().println(message + " See 'gregor " + (name.isEmpty() ? "" : name + " ") + "--help'.");
        if (Arrays.asList(args).contains("--json")) {
            io.out().println(Json.failure(name, new Problem("usage", message)));
            io.out().flush();
        }
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}

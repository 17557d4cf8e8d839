package dev.gregor.cli.support;

import java.util.concurrent.Callable;

import dev.gregor.KafkaClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a cluster: it takes the connection options, {@code --json} and {@code --verbose}, opens a
 * client, runs, and closes the client. Failures are reported by {@link ErrorReporter}.
 */
public abstract class ConnectedCommand implements Callable<Integer> {

    /** The run's streams and environment. */
    protected final Io io;

    @Mixin
    ConnectionOptions connectionOptions;

    @Option(names = "--json", description = "Print the result as one JSON object (see the README for its envelope).")
    boolean json;

    @Option(names = "--verbose", description = "Log what the client does to standard error, and print stack traces.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** A command writing to {@code io}. */
    protected ConnectedCommand(Io io) {
        this.io = io;
    }

    @Override
    public final Integer call() {
        try (KafkaClient client = connectionOptions.connect(io)) {
            return execute(client, new Output(io, json, Output.commandName(spec.commandLine())));
        } finally {
            io.out().flush();
        }
    }

    /** Does the command's work with an open client and returns its exit code. */
    protected abstract int execute(KafkaClient client, Output output);

    /** A usage error of this command (exit code 2): {@code message} names the argument and what it takes. */
    protected final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    /** Where the command connects and how long it waits, for error messages. */
    public Connection connection() {
        return connectionOptions.connection();
    }
}

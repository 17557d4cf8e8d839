package dev.gregor.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

import dev.gregor.cli.cluster.ClusterInfoCommand;
import dev.gregor.cli.consume.ConsumeCommand;
import dev.gregor.cli.group.GroupCommand;
import dev.gregor.cli.group.GroupsCommand;
import dev.gregor.cli.group.OffsetsCommand;
import dev.gregor.cli.produce.ProduceCommand;
import dev.gregor.cli.topic.TopicCommand;
import dev.gregor.cli.topic.TopicsCommand;
import dev.gregor.cli.support.Io;
import dev.gregor.testkit.cli.KafkaInstanceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code gregor}: the command-line tool for a Kafka cluster. Its subcommands list and change topics and configs,
 * produce and consume records (as kcat does), show consumer groups and their lag, reset their offsets, describe the
 * cluster and start a throwaway local one. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
@Command(name = "gregor", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = GregorVersion.class,
        description = "Works with a Kafka cluster: topics, records, consumer groups, offsets and the cluster itself.",
        footer = {"", "Every command that talks to a cluster takes --bootstrap-server (or the GREGOR_BOOTSTRAP environment"
                + " variable), the security options or --command-config FILE, --timeout, --json and --verbose.",
                "Exit codes: 0 ok, 1 failure, 2 usage error."},
        subcommands = {TopicsCommand.class, TopicCommand.class, ProduceCommand.class, ConsumeCommand.class,
                GroupsCommand.class, GroupCommand.class, OffsetsCommand.class, ClusterInfoCommand.class})
public final class GregorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command line with the given streams and environment and returns its exit code: 0 ok, 1 failure,
     * 2 usage error. Progress lines appear only when the JVM's console is a terminal.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        Logging.configure(args);
        Io io = new Io(in, out, err, env, System.console() != null);
        return commandLine(io).execute(args);
    }

    /** The command line with every subcommand, writing to {@code io}'s streams. */
    static CommandLine commandLine(Io io) {
        CommandLine commandLine = new CommandLine(new GregorCommand(), new CommandFactory(io));
        CommandLine instance = KafkaInstanceCommand.commandLine(io.out());
        instance.getCommandSpec().name("instance");
        commandLine.addSubcommand("instance", instance);
        commandLine.setOut(new PrintWriter(io.out(), true));
        commandLine.setErr(new PrintWriter(io.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ErrorReporter(io));
        commandLine.setParameterExceptionHandler(new UsageErrorReporter(io));
        return commandLine;
    }

    /** {@code gregor} alone: a usage error naming the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: try gregor topics, or gregor --help for"
                + " all of them");
    }
}

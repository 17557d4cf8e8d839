package dev.gregor.testkit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka node (combined broker and controller) running in a child JVM that this object started, with its
 * directory, its ports and the line-based control channel to {@code KafkaNodeMain} over the child's standard
 * input and output. The node's log and console output go to files in its directory, never to this console.
 */
public final class KafkaNode {

    private static final String EXITED = "\u0000exited";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Longer than the node's own limits (60 s per command, plus the reads that describe a failure). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final NodeSettings settings;
    private final Path directory;
    private Process process;
    private boolean paused;
    private Writer commands;
    private BlockingQueue<String> replies;

    /** A node that is not started yet; {@code directory} is its own and empty. */
    public KafkaNode(NodeSettings settings, Path directory) {
        this.settings = settings;
        this.directory = directory;
    }

    /** The node id, also its index in the cluster. */
    public int id() {
        return settings.nodeId();
    }

    /** The port clients connect to. */
    public int brokerPort() {
        return settings.brokerPort();
    }

    /** The port of {@code listener} on this node. */
    public int port(dev.gregor.testkit.Listener listener) {
        return settings.port(listener);
    }

    /** Whether the node's JVM is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Whether the node's JVM is alive and not paused by {@link #pause()}. */
    public synchronized boolean isServing() {
        return isRunning() && !paused;
    }

    /** Whether {@link #pause()} froze the node's JVM and {@link #resume()} has not thawed it yet. */
    public synchronized boolean isPaused() {
        return isRunning() && paused;
    }

    /** The process id of the node's JVM. */
    public synchronized long pid() {
        requireRunning();
        return process.pid();
    }

    /** Freezes the node's JVM with SIGSTOP: its sockets stay open, but it answers nothing until {@link #resume()}. */
    public synchronized void pause() {
        requireRunning();
        signal("STOP");
        paused = true;
    }

    /** Lets a paused node's JVM run on (SIGCONT); does nothing to a node that is not paused. */
    public synchronized void resume() {
        if (isPaused()) {
            signal("CONT");
        }
        paused = false;
    }

    /**
     * Starts the node's JVM (formatting its storage the first time) without waiting for it to serve: in a
     * multi-node cluster no node serves before a quorum of controllers is up, so start them all, then
     * {@link #awaitReady(Duration)} each.
     */
    public synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException("Kafka node " + id() + " is already running");
        }
        try {
            Files.createDirectories(directory.resolve("logs"));
            Path config = directory.resolve("server.properties");
            Path logConfig = directory.resolve("log4j2.properties");
            settings.writeServerProperties(config, directory.resolve("data"));
            settings.writeLogConfig(logConfig, directory.resolve("logs"));
            List<String> arguments = new ArrayList<>(List.of(config.toString(), settings.clusterId(), Integer.toString(id()),
                    "127.0.0.1:" + brokerPort(), directory.resolve("formatted").toString()));
            arguments.addAll(settings.formatArguments());
            List<String> jvmOptions = new ArrayList<>(settings.jvmOptions());
            jvmOptions.add("-Dlog4j2.configurationFile=" + logConfig);
            jvmOptions.add("-Dkafka.logs.dir=" + directory.resolve("logs"));
            // Its own process group: Ctrl-C in a terminal stops the parent, which then stops this node in order
            // (a node still exits when the parent dies: its standard input, the control channel, closes).
            ProcessBuilder builder = new ProcessBuilder(
                    OwnProcessGroup.command(BrokerRuntime.get().nodeCommand(jvmOptions, arguments)))
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()));
            process = builder.start();
            paused = false;
            commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            replies = new LinkedBlockingQueue<>();
            startReplyReader(process, replies);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka node " + id() + " in " + directory, e);
        }
    }

    /** Waits until the node serves as an unfenced broker, or fails with what its log says. */
    public void awaitReady(Duration timeout) {
        String reply = nextReply(timeout, "start");
        if (!reply.equals("READY")) {
            throw failure("did not start: " + reply);
        }
    }

    /** Creates a topic through this node and waits until every partition has a leader. */
    public synchronized void createTopic(String name, int partitions, int replicationFactor) {
        call("create-topic " + name + " " + partitions + " " + replicationFactor, "Could not create topic '" + name
                + "' with " + partitions + " partitions and replication factor " + replicationFactor);
    }

    /**
     * Runs a control command (see {@code KafkaNodeMain}) through this node and returns what follows its {@code OK};
     * an {@code ERROR} reply fails with {@code failing} and the node's reason.
     */
    public synchronized String call(String command, String failing) {
        String reply = send(command);
        if (reply.equals("OK") || reply.startsWith("OK ")) {
            return reply.substring(2).trim();
        }
        throw new IllegalStateException(failing + ": " + reply.replaceFirst("^ERROR ", ""));
    }

    /** Shuts the node down cleanly (controlled shutdown), killing it if that takes longer than 30 seconds. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        resume();
        try {
            commands.close();
        } catch (IOException alreadyClosed) {
            // the node is exiting anyway
        }
        awaitExit(STOP_GRACE);
    }

    /** Kills the node's JVM at once, as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(STOP_GRACE);
    }

    private void awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            paused = false;
        }
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("Kafka node " + id() + " is not running; start it first");
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("Could not send SIG" + name + " to Kafka node " + id() + " (pid "
                        + process.pid() + "): kill said '" + output + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run 'kill -" + name + "' for Kafka node " + id()
                    + ": is the kill command on the PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + name + " to Kafka node " + id(), e);
        }
    }

    private String send(String command) {
        requireRunning();
        if (paused) {
            throw new IllegalStateException("Kafka node " + id() + " is paused and answers nothing; resume it first");
        }
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw failure("stopped answering: " + e.getMessage());
        }
        return nextReply(COMMAND_TIMEOUT, command);
    }

    private String nextReply(Duration timeout, String waitingFor) {
        try {
            String reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw failure("gave no answer to '" + waitingFor + "' within " + timeout);
            }
            if (reply.equals(EXITED)) {
                throw failure("exited during '" + waitingFor + "'");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for '" + waitingFor + "'");
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Kafka node " + id() + " " + what + ". Its log: "
                + directory.resolve("logs").resolve("server.log") + ", console: " + directory.resolve("console.log")
                + lastConsoleLines());
    }

    private String lastConsoleLines() {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("console.log"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static void startReplyReader(Process process, BlockingQueue<String> replies) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    replies.add(line);
                }
            } catch (IOException closed) {
                // the process is gone; say so below
            }
            replies.add(EXITED);
        }, "gregor-testkit-node-replies-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }
}

package dev.gregor.testkit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Starts a child process in a session (and process group) of its own, so that the terminal's Ctrl-C, which signals
 * the whole foreground process group, reaches the JVM that started it and not the child: the parent then shuts down
 * in order and stops the child itself. Uses {@code setsid} (util-linux) when it is on the {@code PATH}; it only
 * calls {@code setsid(2)} and execs the command, because a child started from Java never leads a process group, so
 * the child keeps the pid, pipes and parent that {@link Process} knows. Without {@code setsid} (macOS) the command
 * runs as it is and shares the parent's process group.
 */
final class OwnProcessGroup {

    private static final Optional<Path> SETSID = findOnPath("setsid");

    private OwnProcessGroup() {
    }

    /** {@code command}, prefixed so that it runs in its own session where the system allows it. */
    static List<String> command(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> prefixed = new ArrayList<>(command.size() + 1);
        prefixed.add(SETSID.get().toString());
        prefixed.addAll(command);
        return List.copyOf(prefixed);
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}

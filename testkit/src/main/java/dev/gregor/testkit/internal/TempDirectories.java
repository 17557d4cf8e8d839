package dev.gregor.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates the testkit's temporary directories and deletes them again, contents and all. */
public final class TempDirectories {

    /** Prefix of every temporary directory the testkit creates. */
    public static final String PREFIX = "gregor-testkit-";

    private TempDirectories() {
    }

    /** A new empty directory under {@code java.io.tmpdir}, named {@code gregor-testkit-<purpose>-…}. */
    public static Path create(String purpose) {
        try {
            return Files.createTempDirectory(PREFIX + purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for " + purpose
                    + " under " + System.getProperty("java.io.tmpdir") + ": check that it exists and is writable", e);
        }
    }

    /** Deletes a directory and everything below it; a missing directory is fine. */
    public static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(TempDirectories::delete);
        } catch (NoSuchFileException alreadyGone) {
            // nothing to delete
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path, e);
        }
    }
}

package dev.gregor.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Kafka broker's own class path, unpacked once from the {@code gregor-testkit-broker} jar into a cache directory,
 * and the command line that starts one node from it. The broker never shares a class path with the code under test:
 * Kafka pins slf4j 1.7 and log4j, while the testkit's users run slf4j 2 and whatever else they like.
 *
 * <p>The cache lives in {@code gregor.testkit.cache-dir} (system property), by default
 * {@code <java.io.tmpdir>/gregor-testkit-cache}; its folder name is a digest of the content, so versions never mix
 * and concurrent JVMs share one copy.
 */
public final class BrokerRuntime {

    /** System property naming the directory that holds unpacked broker class paths. */
    public static final String CACHE_DIR_PROPERTY = "gregor.testkit.cache-dir";

    private static final String PACK = "META-INF/gregor-testkit/kafka-broker/";
    private static final String CLASS_PATH_INDEX = PACK + "class-path.txt";
    private static final String LAUNCHER_CLASS = "dev.gregor.testkit.internal.node.KafkaNodeMain";
    /** The launcher's classes, copied next to the broker's class path; a new launcher class must be listed here. */
    private static final List<String> LAUNCHER_RESOURCES = Stream.of(LAUNCHER_CLASS, "dev.gregor.testkit.internal.node.Leadership")
            .map(name -> name.replace('.', '/') + ".class").toList();

    private static volatile BrokerRuntime instance;

    private final List<Path> classPath;

    private BrokerRuntime(Path home, List<String> libraries) {
        List<Path> entries = new ArrayList<>();
        entries.add(home.resolve("launcher"));
        libraries.forEach(library -> entries.add(home.resolve(library)));
        this.classPath = List.copyOf(entries);
    }

    /** The broker runtime of this JVM, unpacked on first use. */
    public static BrokerRuntime get() {
        BrokerRuntime runtime = instance;
        if (runtime == null) {
            synchronized (BrokerRuntime.class) {
                runtime = instance;
                if (runtime == null) {
                    runtime = unpack();
                    instance = runtime;
                }
            }
        }
        return runtime;
    }

    /**
     * The command that starts one node: this JVM's own {@code java}, the given JVM options, the broker class path
     * and the launcher's arguments.
     */
    public List<String> nodeCommand(List<String> jvmOptions, List<String> launcherArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(LAUNCHER_CLASS);
        command.addAll(launcherArguments);
        return command;
    }

    private static BrokerRuntime unpack() {
        byte[] index = resource(CLASS_PATH_INDEX);
        Map<String, byte[]> launcher = new LinkedHashMap<>();
        LAUNCHER_RESOURCES.forEach(name -> launcher.put(name, resource(name)));
        List<String> libraries = List.of(new String(index, StandardCharsets.UTF_8).trim().split(":"));
        List<byte[]> content = new ArrayList<>(List.of(index));
        content.addAll(launcher.values());
        Path home = cacheDirectory().resolve("kafka-broker-" + digest(content));
        if (!Files.isDirectory(home)) {
            unpackInto(home, libraries, launcher);
        }
        return new BrokerRuntime(home, libraries);
    }

    private static void unpackInto(Path home, List<String> libraries, Map<String, byte[]> launcher) {
        try {
            Files.createDirectories(home.getParent());
            Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
            try {
                for (String library : libraries) {
                    Path target = staging.resolve(library);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = open(PACK + library)) {
                        Files.copy(in, target);
                    }
                }
                for (Map.Entry<String, byte[]> launcherClass : launcher.entrySet()) {
                    Path launcherFile = staging.resolve("launcher").resolve(launcherClass.getKey());
                    Files.createDirectories(launcherFile.getParent());
                    Files.write(launcherFile, launcherClass.getValue());
                }
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                // Another JVM finished unpacking the same content first; use its copy.
                TempDirectories.deleteRecursively(staging);
            } catch (IOException e) {
                if (!Files.isDirectory(home)) {
                    throw e;
                }
                TempDirectories.deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the Kafka broker's class path into " + home
                    + ". Check free disk space, or point -D" + CACHE_DIR_PROPERTY + " at a writable directory.", e);
        }
    }

    /** The directory that holds unpacked broker class paths in this JVM. */
    public static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "gregor-testkit-cache");
    }

    private static byte[] resource(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name + " from gregor-testkit-broker", e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = BrokerRuntime.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("The Kafka broker runtime is missing from the class path (" + name
                    + " not found). Add the dependency dev.gregor:gregor-testkit-broker next to gregor-testkit.");
        }
        return in;
    }

    private static String digest(List<byte[]> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

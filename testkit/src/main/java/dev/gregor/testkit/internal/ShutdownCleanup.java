package dev.gregor.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the testkit must undo when the JVM exits without having closed it (a test run that forgot, Ctrl-C on the
 * kafka-instance command): one shutdown hook closes every registered resource, newest first. A resource registered
 * with a grace period belongs to an owner with shutdown logic of its own (a Spring context, whose shutdown hook runs
 * at the same time as this one): the hook waits up to that long for the owner to close it, so it never stops brokers
 * that the owner's consumers are still committing to, and closes it only as a last resort. Only resources this JVM
 * created are registered, so only processes it started are ever stopped.
 */
public final class ShutdownCleanup {

    private static final Map<AutoCloseable, Duration> OPEN = new LinkedHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::closeAll, "gregor-testkit-cleanup"));
    }

    private ShutdownCleanup() {
    }

    /** Closes {@code resource} at JVM exit unless it is {@link #forget forgotten} first. */
    public static void register(AutoCloseable resource) {
        register(resource, Duration.ZERO);
    }

    /** Closes {@code resource} at JVM exit if it is still open {@code grace} after the JVM began to exit. */
    public static synchronized void register(AutoCloseable resource, Duration grace) {
        OPEN.put(resource, grace);
    }

    /** Stops tracking a resource that was closed normally. */
    public static synchronized void forget(AutoCloseable resource) {
        OPEN.remove(resource);
        ShutdownCleanup.class.notifyAll();
    }

    private static void closeAll() {
        long exitStarted = System.nanoTime();
        List<AutoCloseable> newestFirst = snapshotNewestFirst();
        newestFirst.stream().filter(resource -> grace(resource).isZero()).forEach(ShutdownCleanup::closeIfOpen);
        for (AutoCloseable resource : newestFirst) {
            awaitOwner(resource, exitStarted);
            closeIfOpen(resource);
        }
    }

    private static void closeIfOpen(AutoCloseable resource) {
        if (!take(resource)) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("gregor-testkit: cleanup of " + resource + " failed: " + e);
        }
    }

    private static synchronized List<AutoCloseable> snapshotNewestFirst() {
        List<AutoCloseable> resources = new ArrayList<>(OPEN.keySet());
        Collections.reverse(resources);
        return resources;
    }

    private static synchronized Duration grace(AutoCloseable resource) {
        return OPEN.getOrDefault(resource, Duration.ZERO);
    }

    private static synchronized void awaitOwner(AutoCloseable resource, long exitStarted) {
        long deadline = exitStarted + grace(resource).toNanos();
        try {
            long left;
            while (OPEN.containsKey(resource) && (left = deadline - System.nanoTime()) > 0) {
                ShutdownCleanup.class.wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized boolean take(AutoCloseable resource) {
        return OPEN.remove(resource) != null;
    }
}

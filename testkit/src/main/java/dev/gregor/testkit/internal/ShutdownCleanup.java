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
 * at the same time as this one): the hook closes the others first, then waits up to that long for the owner to close
 * it, so it never stops brokers that the owner's consumers are still committing to, and closes it only as a last
 * resort. Only resources this JVM created are registered, so only processes it started are ever stopped.
 */
public final class ShutdownCleanup {

    private static final ShutdownCleanup AT_EXIT = new ShutdownCleanup();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AT_EXIT::closeAll, "gregor-testkit-cleanup"));
    }

    private final Map<AutoCloseable, Duration> open = new LinkedHashMap<>();

    ShutdownCleanup() {
    }

    /** Closes {@code resource} at JVM exit unless it is {@link #forget forgotten} first. */
    public static void register(AutoCloseable resource) {
        register(resource, Duration.ZERO);
    }

    /** Closes {@code resource} at JVM exit if it is still open {@code grace} after the JVM began to exit. */
    public static void register(AutoCloseable resource, Duration grace) {
        AT_EXIT.add(resource, grace);
    }

    /** Stops tracking a resource that was closed normally. */
    public static void forget(AutoCloseable resource) {
        AT_EXIT.remove(resource);
    }

    synchronized void add(AutoCloseable resource, Duration grace) {
        open.put(resource, grace);
    }

    synchronized void remove(AutoCloseable resource) {
        open.remove(resource);
        notifyAll();
    }

    /** Closes what is still registered: resources without grace at once, the others when their owner's time is up. */
    void closeAll() {
        long exitStarted = System.nanoTime();
        List<AutoCloseable> newestFirst = snapshotNewestFirst();
        newestFirst.stream().filter(resource -> grace(resource).isZero()).forEach(this::closeIfOpen);
        for (AutoCloseable resource : newestFirst) {
            awaitOwner(resource, exitStarted);
            closeIfOpen(resource);
        }
    }

    private void closeIfOpen(AutoCloseable resource) {
        if (!take(resource)) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("gregor-testkit: cleanup of " + resource + " failed: " + e);
        }
    }

    private synchronized List<AutoCloseable> snapshotNewestFirst() {
        List<AutoCloseable> resources = new ArrayList<>(open.keySet());
        Collections.reverse(resources);
        return resources;
    }

    private synchronized Duration grace(AutoCloseable resource) {
        return open.getOrDefault(resource, Duration.ZERO);
    }

    private synchronized void awaitOwner(AutoCloseable resource, long exitStarted) {
        long deadline = exitStarted + grace(resource).toNanos();
        try {
            long left;
            while (open.containsKey(resource) && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean take(AutoCloseable resource) {
        return open.remove(resource) != null;
    }
}

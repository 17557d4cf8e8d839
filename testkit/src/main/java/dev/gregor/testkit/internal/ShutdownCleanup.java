package dev.gregor.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the testkit must undo when the JVM exits without having closed it (a test run that forgot, Ctrl-C on the
 * kafka-instance command): one shutdown hook closes every registered resource, newest first. Only resources this
 * JVM created are registered, so only processes it started are ever stopped.
 */
public final class ShutdownCleanup {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::closeAll, "gregor-testkit-cleanup"));
    }

    private ShutdownCleanup() {
    }

    /** Closes {@code resource} at JVM exit unless it is {@link #forget forgotten} first. */
    public static synchronized void register(AutoCloseable resource) {
        OPEN.push(resource);
    }

    /** Stops tracking a resource that was closed normally. */
    public static synchronized void forget(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        AutoCloseable resource;
        while ((resource = next()) != null) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("gregor-testkit: cleanup of " + resource + " failed: " + e);
            }
        }
    }

    private static synchronized AutoCloseable next() {
        return OPEN.poll();
    }
}

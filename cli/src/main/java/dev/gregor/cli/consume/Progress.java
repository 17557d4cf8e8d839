package dev.gregor.cli.consume;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * A progress line on standard error, redrawn at most once a second, for a person watching a terminal; silent
 * otherwise, so that scripts and pipes see only the records.
 */
final class Progress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean shown;
    private long lastDrawn = System.nanoTime();
    private int width;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.shown = terminal;
    }

    /** Redraws the line if a second passed since the last time. */
    void update(Supplier<String> line) {
        long now = System.nanoTime();
        if (shown && now - lastDrawn >= INTERVAL_NANOS) {
            lastDrawn = now;
            String text = line.get();
            err.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            width = text.length();
            err.flush();
        }
    }

    /** Erases the line. */
    void clear() {
        if (shown && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}

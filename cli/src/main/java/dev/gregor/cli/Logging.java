package dev.gregor.cli;

import java.util.Arrays;

/**
 * Sets up slf4j-simple before the first logger exists: library logs go to standard error, never standard output,
 * and only with {@code --verbose} (info and above); without it the command's own one-line errors say what went wrong.
 * {@code gregor instance} logs warnings, as {@code ./kafka-instance} does.
 */
final class Logging {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String FILE = "org.slf4j.simpleLogger.logFile";

    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        boolean instance = args.length > 0 && args[0].equals("instance");
        if (System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, verbose ? "info" : instance ? "warn" : "off");
        }
        System.setProperty(FILE, "System.err");
    }
}

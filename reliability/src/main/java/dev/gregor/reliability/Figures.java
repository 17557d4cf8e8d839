package dev.gregor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One row of the chaos suite's table: what a test did, what fault it injected and what it counted. Printed, and
 * appended to the results file named by the system property {@code gregor.chaos.results} (when set), from which
 * {@code ./reliability/run} writes {@code reliability/README.md}'s table.
 *
 * @param test       the test's short name, e.g. {@code T1 leader bounces}
 * @param fault      the faults, in words
 * @param records    how many records the run wrote (or processed)
 * @param lost       records lost
 * @param duplicated duplicates
 * @param reordered  records out of order
 * @param stallMs    the longest stall in milliseconds, or -1 when not measured
 * @param pass       whether the test's criteria held
 * @param notes      anything else measured, in words (may be empty)
 */
public record Figures(String test, String fault, long records, long lost, long duplicated, long reordered,
                      long stallMs, boolean pass, String notes) {

    /** The header of the results file, in the order of {@link #row()}. */
    public static final String HEADER = "test\tfault\trecords\tlost\tduplicated\treordered\tstall_ms\tpass\tnotes";

    /** This row, tab-separated. */
    public String row() {
        return String.join("\t", test, fault, Long.toString(records), Long.toString(lost), Long.toString(duplicated),
                Long.toString(reordered), stallMs < 0 ? "-" : Long.toString(stallMs), pass ? "pass" : "FAIL",
                notes.replace('\t', ' ').replace('\n', ' '));
    }

    /** Prints the row and appends it to the results file, if one is configured. */
    public Figures report() {
        System.out.println("[chaos] " + row());
        String file = System.getProperty("gregor.chaos.results");
        if (file != null && !file.isBlank()) {
            append(Path.of(file), row());
        }
        return this;
    }

    private static synchronized void append(Path file, String row) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            String text = (Files.exists(file) ? "" : HEADER + "\n") + row + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append the chaos figures to " + file, e);
        }
    }
}

package dev.gregor.cli.support;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command's result with several parts: labelled values ({@code Cluster id: abc}) and tables, in order. People see
 * {@code label: value} lines and the tables below them; JSON gets one object keyed by the labels in camel case.
 */
public final class Report {

    private final Map<String, Object> parts = new LinkedHashMap<>();

    /** Adds a labelled value (text, a number, a boolean, a list, or null for none). */
    public Report value(String label, Object value) {
        parts.put(label, value);
        return this;
    }

    /** Adds a table under {@code label} (its JSON key; people see the table after a blank line). */
    public Report table(String label, Table table) {
        parts.put(label, table);
        return this;
    }

    void print(PrintStream out) {
        parts.forEach((label, part) -> {
            if (part instanceof Table table) {
                out.println();
                table.print(out);
            } else {
                out.println(label + ": " + (part == null ? "-" : part));
            }
        });
    }

    Map<String, Object> toJson() {
        Map<String, Object> object = new LinkedHashMap<>();
        parts.forEach((label, part) -> object.put(Table.camelCase(label), part instanceof Table table ? table.toJson() : part));
        return object;
    }
}

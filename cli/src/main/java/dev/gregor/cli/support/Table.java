package dev.gregor.cli.support;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows under named columns: printed aligned for people ({@code -} for an empty cell, lists joined by commas), and as
 * a JSON array of objects keyed by the column names in camel case ({@code CURRENT-OFFSET} becomes {@code currentOffset}).
 */
public final class Table {

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    /** A table with these column headings. */
    public Table(String... columns) {
        this.columns = List.of(columns);
    }

    /** Adds a row: one value per column (null for none; numbers, text, booleans or lists of them). */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns " + columns);
        }
        rows.add(Arrays.asList(values));
        return this;
    }

    /** Whether it has no rows. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the headings and rows, each column as wide as its widest cell. */
    public void print(PrintStream out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        rows.forEach(row -> cells.add(row.stream().map(Table::text).toList()));
        int[] widths = new int[columns.size()];
        cells.forEach(line -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                text.append(cell);
                if (i < widths.length - 1) {
                    text.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(text.toString().stripTrailing());
            text.setLength(0);
        }
    }

    /** The rows as JSON objects. */
    public List<Map<String, Object>> toJson() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(camelCase(columns.get(i)), row.get(i));
            }
            objects.add(object);
        }
        return objects;
    }

    /** {@code LOG-END-OFFSET} or {@code Cluster id} as a JSON key: {@code logEndOffset}, {@code clusterId}. */
    static String camelCase(String heading) {
        String[] words = heading.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        StringBuilder key = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
            }
        }
        return key.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty() ? "-" : list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value.toString();
    }
}

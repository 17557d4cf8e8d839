package dev.gregor.internal.protocol.generator;

/** Accumulates Java source lines with four-space indentation and braces that open and close blocks. */
final class CodeWriter {

    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** Writes one line of code, formatted like {@link String#format}. */
    void line(String format, Object... args) {
        text.append(INDENT.repeat(depth)).append(String.format(format, args)).append('\n');
    }

    /** Writes an empty line. */
    void blank() {
        text.append('\n');
    }

    /** Writes a line ending in an opening brace and indents what follows. */
    void open(String format, Object... args) {
        line(format + " {", args);
        depth++;
    }

    /** Closes the innermost block. */
    void close() {
        depth--;
        line("}");
    }

    /** Closes the innermost block and opens the next one on the same line, as in {@code } else {}. */
    void closeAndOpen(String format, Object... args) {
        depth--;
        line("} " + format + " {", args);
        depth++;
    }

    /** Writes a Javadoc comment with the given, already escaped, text. */
    void javadoc(String escapedText) {
        line("/** %s */", escapedText);
    }

    /**
     * Writes code that runs only when a condition holds, leaving out the {@code if} for conditions that are
     * always or never true.
     */
    void when(String condition, Runnable body) {
        whenElse(condition, body, () -> { });
    }

    /** Writes an if/else, leaving out the branch a constant condition never takes and any empty else. */
    void whenElse(String condition, Runnable then, Runnable otherwise) {
        if (condition.equals(VersionConditions.ALWAYS)) {
            then.run();
            return;
        }
        if (condition.equals(VersionConditions.NEVER)) {
            otherwise.run();
            return;
        }
        open("if (%s)", condition);
        then.run();
        int before = text.length();
        closeAndOpen("else");
        int afterElse = text.length();
        otherwise.run();
        if (text.length() == afterElse) {
            text.setLength(before);
            depth--;
            line("}");
        } else {
            close();
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

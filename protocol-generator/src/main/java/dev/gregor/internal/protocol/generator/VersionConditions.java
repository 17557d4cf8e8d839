package dev.gregor.internal.protocol.generator;

/**
 * Renders "is this version in that range" as Java expressions over a local {@code version}, simplified against the
 * versions the message can have at all: {@code "version >= 12"} rather than {@code "version >= 12 && version <= 18"}.
 */
final class VersionConditions {

    /** The condition that always holds. */
    static final String ALWAYS = "true";
    /** The condition that never holds. */
    static final String NEVER = "false";

    private final Versions valid;

    VersionConditions(Versions valid) {
        this.valid = valid;
    }

    /**
     * An expression that is true for the versions in a range.
     *
     * @param range the range
     * @return a Java expression, {@link #ALWAYS} or {@link #NEVER}
     */
    String in(Versions range) {
        Versions overlap = range.intersect(valid);
        if (overlap.isEmpty()) {
            return NEVER;
        }
        boolean fromStart = overlap.lowest() == valid.lowest();
        boolean toEnd = overlap.highest() == valid.highest();
        if (fromStart && toEnd) {
            return ALWAYS;
        }
        if (fromStart) {
            return "version <= " + overlap.highest();
        }
        if (toEnd) {
            return "version >= " + overlap.lowest();
        }
        return overlap.lowest() == overlap.highest() ? "version == " + overlap.lowest()
                : "version >= " + overlap.lowest() + " && version <= " + overlap.highest();
    }

    /**
     * An expression that is true for the valid versions outside a range.
     *
     * @param range the range
     * @return a Java expression, {@link #ALWAYS} or {@link #NEVER}
     */
    String notIn(Versions range) {
        String inside = in(range);
        if (inside.equals(ALWAYS)) {
            return NEVER;
        }
        if (inside.equals(NEVER)) {
            return ALWAYS;
        }
        Versions overlap = range.intersect(valid);
        if (overlap.lowest() == valid.lowest()) {
            return "version > " + overlap.highest();
        }
        if (overlap.highest() == valid.highest()) {
            return "version < " + overlap.lowest();
        }
        return "version < " + overlap.lowest() + " || version > " + overlap.highest();
    }
}

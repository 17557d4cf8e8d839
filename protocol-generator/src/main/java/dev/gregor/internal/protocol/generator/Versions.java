package dev.gregor.internal.protocol.generator;

/**
 * An inclusive range of protocol versions as written in a schema: {@code "3+"}, {@code "1-5"}, {@code "7"} or
 * {@code "none"}. An open range ends at {@link Short#MAX_VALUE}; an empty range has {@code lowest > highest}.
 *
 * @param lowest the first version in the range
 * @param highest the last version in the range
 */
public record Versions(short lowest, short highest) {

    /** The empty range, written {@code "none"} in schemas. */
    public static final Versions NONE = new Versions((short) 0, (short) -1);

    /**
     * Parses a schema's version range.
     *
     * @param text the range as written in the schema
     * @return the range
     * @throws SchemaException if the text is not a version range
     */
    public static Versions parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("none")) {
            return NONE;
        }
        try {
            if (trimmed.endsWith("+")) {
                return new Versions(Short.parseShort(trimmed.substring(0, trimmed.length() - 1)), Short.MAX_VALUE);
            }
            int dash = trimmed.indexOf('-');
            if (dash < 0) {
                short only = Short.parseShort(trimmed);
                return new Versions(only, only);
            }
            Versions range = new Versions(Short.parseShort(trimmed.substring(0, dash)),
                    Short.parseShort(trimmed.substring(dash + 1)));
            if (range.isEmpty()) {
                throw new SchemaException("Version range '" + text + "' ends before it starts");
            }
            return range;
        } catch (NumberFormatException e) {
            throw new SchemaException("'" + text + "' is not a version range", e);
        }
    }

    /**
     * Tells whether the range holds no version.
     *
     * @return true for an empty range
     */
    public boolean isEmpty() {
        return lowest > highest;
    }

    /**
     * Tells whether a version lies in the range.
     *
     * @param version the version
     * @return true if {@code lowest <= version <= highest}
     */
    public boolean contains(int version) {
        return version >= lowest && version <= highest;
    }

    /**
     * Tells whether every version of another range lies in this one.
     *
     * @param other the other range
     * @return true if {@code other} is empty or inside this range
     */
    public boolean containsAll(Versions other) {
        return other.isEmpty() || (contains(other.lowest) && contains(other.highest));
    }

    /**
     * The versions both ranges hold.
     *
     * @param other the other range
     * @return the overlap, {@link #NONE} if there is none
     */
    public Versions intersect(Versions other) {
        Versions overlap = new Versions((short) Math.max(lowest, other.lowest), (short) Math.min(highest, other.highest));
        return overlap.isEmpty() ? NONE : overlap;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == Short.MAX_VALUE) {
            return lowest + "+";
        }
        return lowest == highest ? Short.toString(lowest) : lowest + "-" + highest;
    }
}

package dev.gregor.reliability;

/**
 * The size a chaos test runs at: {@code reduced} in the build (system property {@code gregor.chaos.scale}, the
 * default) or {@code full} from {@code ./reliability/run}.
 */
public enum Scale {
    /** A run short enough for every build. */
    REDUCED,
    /** The full size. */
    FULL;

    /** The scale this run was asked for. */
    public static Scale current() {
        String value = System.getProperty("gregor.chaos.scale", "reduced").trim();
        return switch (value) {
            case "reduced", "" -> REDUCED;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("gregor.chaos.scale must be 'reduced' or 'full', was '"
                    + value + "'");
        };
    }

    /** {@code reduced} at the reduced scale, {@code full} at full scale. */
    public <T> T pick(T reduced, T full) {
        return this == REDUCED ? reduced : full;
    }
}

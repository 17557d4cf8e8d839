package dev.gregor.internal.protocol;

/** A request to read or write a message in a version its generated class does not support. */
public final class UnsupportedVersionException extends IllegalArgumentException {

    private UnsupportedVersionException(String message) {
        super(message);
    }

    /**
     * Checks that a version is supported.
     *
     * @param message the message's name
     * @param version the requested version
     * @param lowest the lowest supported version
     * @param highest the highest supported version
     * @throws UnsupportedVersionException if the version is outside {@code lowest..highest}
     */
    public static void check(String message, short version, short lowest, short highest) {
        if (version < lowest || version > highest) {
            throw new UnsupportedVersionException(message + " supports versions " + lowest + " to " + highest
                    + ", not " + version);
        }
    }
}

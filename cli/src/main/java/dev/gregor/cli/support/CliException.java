package dev.gregor.cli.support;

/** A failure the command explains itself: the message names the problem and the fix, in one line. */
public final class CliException extends RuntimeException {

    /** A failure explained by {@code message}: one line, the problem and the fix. */
    public CliException(String message) {
        super(message);
    }
}

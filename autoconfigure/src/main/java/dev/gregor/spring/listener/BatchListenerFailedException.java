package dev.gregor.spring.listener;

/**
 * Thrown by a batch {@link TopicListener} to say which record of the batch failed: once the batch's attempts are
 * spent, the records before {@code index} count as processed, the one at {@code index} goes to the dead-letter topic,
 * and the records after it are processed again as a new batch. Any other exception makes the container look for the
 * failing record itself, by running the batch's records one at a time.
 */
public class BatchListenerFailedException extends RuntimeException {

    private final int index;

    /** The record at {@code index} (0-based, in the list the listener was given) failed with {@code cause}. */
    public BatchListenerFailedException(int index, Throwable cause) {
        super("The record at index " + index + " of the batch failed: " + cause.getMessage(), cause);
        this.index = index;
    }

    /** The index of the failing record in the list the listener was given. */
    public int index() {
        return index;
    }
}

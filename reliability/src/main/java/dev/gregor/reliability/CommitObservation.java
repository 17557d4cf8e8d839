package dev.gregor.reliability;

/**
 * A committed offset of one partition seen at a moment: reported by the member that committed it, or read from the
 * group coordinator from outside.
 *
 * @param timeMs    when it was seen, epoch milliseconds
 * @param partition the partition
 * @param offset    the committed offset (the next record to consume)
 */
public record CommitObservation(long timeMs, int partition, long offset) {
}

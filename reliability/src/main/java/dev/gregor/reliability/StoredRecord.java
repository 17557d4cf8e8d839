package dev.gregor.reliability;

/**
 * One record as a reader saw it in a partition.
 *
 * @param partition the partition
 * @param offset    its offset there
 * @param id        the id its value carries
 */
public record StoredRecord(int partition, long offset, RecordId id) {
}

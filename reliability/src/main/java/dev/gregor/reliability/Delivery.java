package dev.gregor.reliability;

/**
 * One record handed to a group member: who consumed it, when (wall clock, comparable across the JVMs of one
 * machine) and where it stood.
 *
 * @param member    the member's name, one per process run (a restarted member is a new name)
 * @param timeMs    when the member was given it, epoch milliseconds
 * @param partition its partition
 * @param offset    its offset
 * @param id        the id its value carries
 */
public record Delivery(String member, long timeMs, int partition, long offset, RecordId id) {
}

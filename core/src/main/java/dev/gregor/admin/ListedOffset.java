package dev.gregor.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * An offset a lookup found.
 *
 * @param offset      the offset (the log end offset when no record matched a time)
 * @param timestamp   the timestamp of the record at that offset, for lookups by time
 * @param leaderEpoch the partition leader's epoch then, where the broker reports it
 */
public record ListedOffset(long offset, Optional<Instant> timestamp, Optional<Integer> leaderEpoch) {
}

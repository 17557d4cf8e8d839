package dev.gregor.reliability;

import java.util.Set;

/**
 * A balanced member was given partitions, or had them taken away, as its rebalance listener heard it.
 *
 * @param timeMs     when, epoch milliseconds
 * @param assigned   true for an assignment, false for a revocation
 * @param partitions the partitions
 */
public record OwnershipChange(long timeMs, boolean assigned, Set<Integer> partitions) {
}

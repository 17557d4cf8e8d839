package dev.gregor.internal.consumer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.gregor.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a transactional consumer's transaction stands, shared by its consuming thread and the group membership's
 * thread: whether one is open, where each partition's records of it began, and whether a revocation went ahead
 * while it was open (dooming it to abort). A revocation waits, up to a bound, for an open transaction that holds
 * records, or for a hand-out under way, to end first.
 */
final class TransactionBoundary {

    private static final Logger log = LoggerFactory.getLogger(TransactionBoundary.class);

    private final Duration revokeWait;
    private boolean open;
    private boolean doomed;
    private int handingOut;
    private boolean closing;
    /** Per partition, the offset of the first record handed out in the open transaction. */
    private final Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();

    /** A boundary whose revocations wait at most {@code revokeWait} for the open transaction. */
    TransactionBoundary(Duration revokeWait) {
        this.revokeWait = revokeWait;
    }

    /** A hand-out begins: a revocation that starts now waits for it. */
    synchronized void handOutStarted() {
        handingOut++;
    }

    /**
     * A hand-out ended with {@code first}, the first offset of each partition among the records handed out (empty if
     * none); returns whether a transaction must be opened for them.
     */
    synchronized boolean handOutEnded(Map<TopicPartition, Long> first) {
        handingOut--;
        boolean opening = !open && !first.isEmpty();
        if (opening) {
            open = true;
            doomed = false;
        }
        first.forEach(firstOffsets::putIfAbsent);
        notifyAll();
        return opening;
    }

    /** Whether the open transaction must abort, since partitions were revoked while it was open. */
    synchronized boolean isDoomed() {
        return doomed;
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** The partitions of the open transaction, each with the offset of its first record in it. */
    synchronized Map<TopicPartition, Long> firstOffsets() {
        return Map.copyOf(firstOffsets);
    }

    /** The transaction ended (committed or aborted). */
    synchronized void ended() {
        open = false;
        doomed = false;
        firstOffsets.clear();
        notifyAll();
    }

    /** The consumer closes: revocations no longer wait (the open transaction is aborted as the producer closes). */
    synchronized void closing() {
        closing = true;
        notifyAll();
    }

    /**
     * Called on the membership's thread before {@code partitions} are revoked: waits for the open transaction (and a
     * hand-out under way) to end, up to the bound; one still open then is doomed.
     */
    synchronized void beforeRevoke(Set<TopicPartition> partitions) {
        long deadline = System.nanoTime() + revokeWait.toNanos();
        try {
            while (!closing && (handingOut > 0 || (open && !firstOffsets.isEmpty()))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (open && !firstOffsets.isEmpty()) {
            doomed = true;
            log.info("Partitions {} are revoked while a transaction over {} is still open{}: it will be aborted, and"
                    + " its records handed out again", partitions, firstOffsets.keySet(),
                    closing ? " as the consumer closes" : " after " + revokeWait.toMillis() + " ms");
        }
    }
}

package dev.gregor.spring.listener.internal;

import java.util.TreeSet;

/**
 * The commit point of one partition under key-ordered processing, where records finish out of offset order: the
 * offset below which every record taken from the partition is finished (processed or dead-lettered). Records are
 * taken in offset order; a record taken but not finished (running, queued behind its key, dropped on a revocation,
 * or given up) holds the watermark at its offset. The offset last committed is kept so that commits only move
 * forwards. Not thread-safe (but for
 * {@link #revoked()}): its {@link KeyOrderedDispatcher} guards it.
 */
final class PartitionWatermark {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;
    private volatile boolean revoked;

    /** The record at {@code offset}, after every record taken before, was taken. */
    void taken(long offset) {
        unfinished.add(offset);
        next = offset + 1;
    }

    /** The record at {@code offset} is processed or dead-lettered. */
    void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit: the first unfinished record's, else the one after the last taken; -1 if none taken. */
    long watermark() {
        return unfinished.isEmpty() ? next : unfinished.first();
    }

    /** The watermark if it is past the last commit, else -1 (nothing new to commit). */
    long uncommitted() {
        long watermark = watermark();
        return watermark > committed ? watermark : -1;
    }

    /** {@code offset} was committed. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** The partition left this container: its records not started are dropped, those running are given up on. */
    void revoke() {
        revoked = true;
    }

    /** Whether the partition left; read by workers without the dispatcher's lock. */
    boolean revoked() {
        return revoked;
    }
}

package dev.gregor.reliability;

/**
 * Decides which completions of a member's asynchronous commits may be reported as the group's committed offsets.
 * Gregor merges the commits asked for while one is in flight into a single request (the later offsets win) and
 * completes their futures together, in no particular order; a commit completing after a later-asked one of the same
 * member was confirmed tells nothing new, and reporting its older offsets as committed would be untrue (it would
 * look like the offsets went back). Each commit takes a ticket when asked for; only a confirmation of a newer ticket
 * than any confirmed before is reported.
 */
public final class CommitConfirmations {

    private long asked;
    private long newestConfirmed;

    /** The ticket of a commit being asked for now (tickets grow in the order commits are asked for). */
    public synchronized long ask() {
        return ++asked;
    }

    /**
     * Runs {@code report} if the commit of {@code ticket} is newer than every commit confirmed so far, under a lock,
     * so that reports are written in ticket order; returns whether it ran.
     */
    public synchronized boolean confirmed(long ticket, Runnable report) {
        if (ticket <= newestConfirmed) {
            return false;
        }
        newestConfirmed = ticket;
        report.run();
        return true;
    }
}

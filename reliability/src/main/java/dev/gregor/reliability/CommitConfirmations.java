package dev.gregor.reliability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.gregor.consumer.BalancedConsumer;

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

    /**
     * Commits, asynchronously, what {@code consumer} has handed out, and reports it as a {@link MemberReport} line
     * through {@code report}: the offsets once the coordinator confirms them, unless a later commit was confirmed
     * first, or the failure. Completes when the commit does; at once when nothing was handed out yet.
     */
    public CompletableFuture<Void> commitAndReport(BalancedConsumer consumer, Consumer<String> report) {
        return commitAndReport(consumer.heldOffsets(), consumer::commitOffsetsAsync, report);
    }

    /**
     * As {@link #commitAndReport(BalancedConsumer, Consumer)}, for a consumer whose last handed-out offsets are
     * {@code held} (by partition number) and whose asynchronous commit is {@code commit}.
     */
    public CompletableFuture<Void> commitAndReport(Map<Integer, Long> held, Supplier<CompletableFuture<Void>> commit,
                                                   Consumer<String> report) {
        Map<Integer, Long> next = new TreeMap<>();
        held.forEach((partition, last) -> {
            if (last >= 0) {
                next.put(partition, last + 1);
            }
        });
        if (next.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long ticket = ask();
        return commit.get().whenComplete((ignored, failure) -> {
            if (failure == null) {
                confirmed(ticket, () -> report.accept(MemberReport.committed(System.currentTimeMillis(), next)));
            } else {
                report.accept(MemberReport.commitFailed(System.currentTimeMillis(), String.valueOf(failure.getMessage())));
            }
        });
    }
}

package dev.gregor.internal.group;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.gregor.TopicPartition;

/**
 * One consumer's offset commits, sent one at a time in the order they were asked for: the next commit starts only
 * once no attempt of the one before can still reach a coordinator. So a commit retried after a coordinator move
 * never lands after a newer one, and committed offsets do not go backwards. Commits asked for meanwhile wait;
 * those of the same member identity merge into one, whatever their topics (a partition's later offset wins), so a burst of
 * commits during a failover costs one request once the coordinator is back, not one each.
 */
final class CommitLine {

    /** A commit to send: what it commits, as whom, until when; {@link #result} completes when it is done. */
    static final class Commit {

        final Map<String, UUID> topicIds;
        final GroupOffsets.Membership member;
        final Map<TopicPartition, Long> offsets;
        final CompletableFuture<Void> result = new CompletableFuture<>();
        long deadlineNanos;

        Commit(Map<TopicPartition, Long> offsets, Map<String, UUID> topicIds, GroupOffsets.Membership member,
               long deadlineNanos) {
            this.topicIds = new HashMap<>(topicIds);
            this.member = member;
            this.offsets = new TreeMap<>(offsets);
            this.deadlineNanos = deadlineNanos;
        }

        private boolean canTakeIn(Commit later) {
            return member.equals(later.member);
        }

        /** Takes in a later commit: its offsets win, and the merged commit may run until the later deadline. */
        private void takeIn(Commit later) {
            offsets.putAll(later.offsets);
            topicIds.putAll(later.topicIds);
            deadlineNanos = Math.max(deadlineNanos, later.deadlineNanos);
        }
    }

    private final Function<Commit, CompletableFuture<?>> sender;
    private final Deque<Commit> waiting = new ArrayDeque<>();
    private boolean sending;

    /**
     * Commits sent by {@code sender}, which completes {@link Commit#result} and returns a future that completes
     * once no attempt of that commit can land any more (it may be later than the result, never earlier).
     */
    CommitLine(Function<Commit, CompletableFuture<?>> sender) {
        this.sender = sender;
    }

    /** Queues {@code commit}; the future completes with the outcome of the request that carries its offsets. */
    CompletableFuture<Void> submit(Commit commit) {
        Commit toSend;
        synchronized (this) {
            Commit last = waiting.peekLast();
            if (last != null && last.canTakeIn(commit)) {
                last.takeIn(commit);
                return last.result.copy();
            }
            if (sending) {
                waiting.addLast(commit);
                return commit.result.copy();
            }
            sending = true;
            toSend = commit;
        }
        send(toSend);
        return commit.result.copy();
    }

    private void send(Commit commit) {
        sender.apply(commit).whenComplete((settled, failure) -> {
            Commit next;
            synchronized (this) {
                next = waiting.pollFirst();
                sending = next != null;
            }
            if (next != null) {
                send(next);
            }
        });
    }
}

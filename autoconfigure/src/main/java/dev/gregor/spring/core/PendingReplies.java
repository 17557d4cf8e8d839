package dev.gregor.spring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.gregor.ClientClosedException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.Message;
import org.jspecify.annotations.Nullable;

/**
 * The requests of a {@link RequestReplyTemplate} that wait for their reply, by correlation id: each is completed by
 * its reply (converted for its caller), failed by its send, by its timeout, or when the template closes, whichever
 * comes first; later outcomes find it gone. Timeouts run on one daemon thread.
 */
final class PendingReplies {

    private final Map<String, Pending> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts;
    private boolean closed;

    PendingReplies() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gregor-reply-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.timeouts = timer;
    }

    /**
     * A future for the reply to the request {@code correlationId} sent to {@code topic}, converted by {@code reader};
     * it fails with a {@link KafkaTimeoutException} naming the topics and the timeout if no reply comes within
     * {@code timeout} from now, and at once if the template is closed.
     */
    <R> CompletableFuture<R> register(String correlationId, String topic, String replyTopic, Duration timeout,
                                      Function<Message, @Nullable Object> reader, Class<R> replyType) {
        CompletableFuture<R> reply = new CompletableFuture<>();
        Pending pending = new Pending(message -> reply.complete(replyType.cast(reader.apply(message))),
                reply::completeExceptionally);
        synchronized (this) {
            if (closed) {
                reply.completeExceptionally(closedError());
                return reply;
            }
            waiting.put(correlationId, pending);
            pending.timeout = timeouts.schedule(() -> fail(correlationId, new KafkaTimeoutException("Waiting for the"
                    + " reply to the request sent to '" + topic + "' (correlation id " + correlationId + ", replies"
                    + " read from '" + replyTopic + "')", timeout, "Is a listener answering requests on '" + topic
                    + "'? Pass a longer timeout to sendAndReceive, or raise gregor.template.reply-timeout.")),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return reply;
    }

    /** Hands {@code reply} to the request it answers; false if none waits for it (timed out, or not ours). */
    boolean complete(String correlationId, Message reply) {
        Pending pending = waiting.remove(correlationId);
        if (pending == null) {
            return false;
        }
        pending.cancelTimeout();
        try {
            pending.onReply.accept(reply);
        } catch (RuntimeException unreadable) {
            pending.onFailure.accept(new IllegalStateException("The reply at offset " + reply.offset() + " of "
                    + reply.topic() + "-" + reply.partitionId() + " could not be read: " + unreadable.getMessage(),
                    unreadable));
        }
        return true;
    }

    /** Fails the request {@code correlationId} with {@code error}, if it still waits. */
    void fail(String correlationId, Throwable error) {
        Pending pending = waiting.remove(correlationId);
        if (pending != null) {
            pending.cancelTimeout();
            pending.onFailure.accept(error);
        }
    }

    /** Fails every waiting request, and any registered later, as closed. */
    void close() {
        List<String> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(waiting.keySet());
            timeouts.shutdownNow();
        }
        left.forEach(id -> fail(id, closedError()));
    }

    private static ClientClosedException closedError() {
        return new ClientClosedException("RequestReplyTemplate");
    }

    private static final class Pending {
        final Consumer<Message> onReply;
        final Consumer<Throwable> onFailure;
        volatile @Nullable ScheduledFuture<?> timeout;

        Pending(Consumer<Message> onReply, Consumer<Throwable> onFailure) {
            this.onReply = onReply;
            this.onFailure = onFailure;
        }

        void cancelTimeout() {
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}

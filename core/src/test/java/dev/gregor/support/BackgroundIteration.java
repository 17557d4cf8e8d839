package dev.gregor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gregor.Message;

/**
 * An application's consuming loop, {@code for (Message m : consumer)}, on a thread of its own: counts what it got
 * and notes how it ended, so a test can check that something done from another thread ended it.
 */
public final class BackgroundIteration {

    /** How long an iteration may take to notice that it should end: generous, the promise is "promptly". */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final Thread thread;
    private final AtomicInteger consumed = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private BackgroundIteration(Iterable<Message> consumer) {
        this.thread = new Thread(() -> {
            try {
                for (Message ignored : consumer) {
                    consumed.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "iterating " + consumer);
        thread.setDaemon(true);
    }

    /** Starts iterating {@code consumer} (of one topic or of several). */
    public static BackgroundIteration of(Iterable<Message> consumer) {
        BackgroundIteration iteration = new BackgroundIteration(consumer);
        iteration.thread.start();
        return iteration;
    }

    /** Waits until the loop has consumed {@code count} messages, so that it now waits in consume() for more. */
    public void awaitConsumed(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed.get() >= count);
        assertThat(consumed.get()).isEqualTo(count);
        assertThat(thread.isAlive()).as("the loop still waits for messages").isTrue();
    }

    /** Asserts that the loop ends promptly, as a for-each loop ends: without an exception. */
    public void awaitEndedQuietly() {
        await().atMost(PROMPTLY).until(() -> !thread.isAlive());
        assertThat(failure.get()).as("what ended the loop").isNull();
    }
}

package dev.gregor.reliability;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one sampling round every interval on a daemon thread of its own, counting the rounds that failed (an outside
 * witness keeps watching while the cluster it watches is in trouble); {@link #close()} stops it and waits for the
 * round in progress.
 */
final class PeriodicSampler implements AutoCloseable {

    /** One round of sampling; an exception counts the round as failed. */
    interface Round {
        void run() throws Exception;
    }

    private final ScheduledExecutorService executor;
    private final AtomicLong failedRounds = new AtomicLong();

    PeriodicSampler(String threadName, long intervalMs, Round round) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failedRounds.incrementAndGet();
            }
        }, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** How many rounds failed. */
    long failedRounds() {
        return failedRounds.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.gregor.internal.producer;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.producer.DeliveryReport;

/**
 * Counts the records a producer handle holds until they are reported (bounding its queue), and keeps the delivery
 * report queue when reports were asked for.
 */
public final class DeliveryTracker {

    private final int capacity;
    private final Semaphore room;
    private final boolean blockWhenFull;
    private final Duration maxBlock;
    private final BlockingQueue<DeliveryReport> reports;

    /** Room for {@code capacity} records, blocking up to {@code maxBlock} when full if asked to; reports kept if asked. */
    public DeliveryTracker(int capacity, boolean blockWhenFull, Duration maxBlock, boolean keepReports) {
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        this.blockWhenFull = blockWhenFull;
        this.maxBlock = maxBlock;
        this.reports = keepReports ? new LinkedBlockingQueue<>() : null;
    }

    /** Takes room for one more record, blocking up to maxBlock if so configured; fails clearly when full. */
    public void reserve(String topic) {
        try {
            boolean reserved = blockWhenFull ? room.tryAcquire(maxBlock.toNanos(), TimeUnit.NANOSECONDS) : room.tryAcquire();
            if (!reserved) {
                throw new KafkaTimeoutException("Producing to topic '" + topic + "' with " + capacity
                                + " records already waiting for acknowledgement", blockWhenFull ? maxBlock : Duration.ZERO,
                        "The brokers are slower than the producing threads, or unreachable. Raise maxQueuedRecords,"
                                + " slow down, or check the brokers.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaTimeoutException("Producing to topic '" + topic + "' (interrupted)", maxBlock,
                    "The producing thread was interrupted while the queue was full.");
        }
    }

    /** Gives back room for records that were not accepted after all. */
    public void unreserve(int records) {
        room.release(records);
    }

    /** Queues a report, if reports are kept. */
    public void report(DeliveryReport report) {
        if (reports != null) {
            reports.add(report);
        }
    }

    /**
     * The next report, waiting up to {@code timeout}; null if none came (or the wait was interrupted, with the
     * interrupt kept). Fails clearly if reports were not asked for.
     */
    public DeliveryReport nextReport(Duration timeout) {
        if (reports == null) {
            throw new InvalidConfigException("deliveryReports", false, "true, to read delivery reports");
        }
        try {
            return reports.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package dev.gregor.testkit.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames waiting to be written to one side of a proxied connection, in the order they must leave. A place is
 * taken when a request is read, so that a response the proxy makes up itself never overtakes the broker's answers to
 * earlier requests (clients match responses to requests by order as well as by correlation id). A place leaves once
 * it is filled and its due time has come.
 */
final class Outbox {

    /** What the writer does with a frame when its turn comes. */
    enum Delivery {
        /** Write it. */
        FORWARD,
        /** Write neither it nor anything after it on this connection: the client waits for an answer in vain. */
        WITHHOLD,
        /** Write nothing and close the connection. */
        CLOSE
    }

    /** One place in the outbox. */
    static final class Slot {
        final Delivery delivery;
        final int correlationId;
        final long extraDelayNanos;
        private byte[] frame;
        private long dueNanos;
        private boolean filled;

        private Slot(Delivery delivery, int correlationId, long extraDelayNanos) {
            this.delivery = delivery;
            this.correlationId = correlationId;
            this.extraDelayNanos = extraDelayNanos;
        }

        /** The frame, length prefix included; null for a place left empty on purpose. */
        byte[] frame() {
            return frame;
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;

    /** Takes the next place for a frame that comes later (a response the broker has yet to send). */
    Slot reserve(Delivery delivery, int correlationId, long extraDelayNanos) {
        Slot slot = new Slot(delivery, correlationId, extraDelayNanos);
        lock.lock();
        try {
            slots.addLast(slot);
        } finally {
            lock.unlock();
        }
        return slot;
    }

    /** Queues a frame that is here now, to leave at {@code dueNanos} ({@link System#nanoTime()} time). */
    void add(byte[] frame, long dueNanos) {
        fill(reserve(Delivery.FORWARD, 0, 0), frame, dueNanos);
    }

    /** Puts the frame into its place; a null frame is skipped when its turn comes. */
    void fill(Slot slot, byte[] frame, long dueNanos) {
        lock.lock();
        try {
            slot.frame = frame;
            slot.dueNanos = dueNanos;
            slot.filled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the first place to be filled and due, and takes it out; null once closed. */
    Slot next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                Slot head = slots.peekFirst();
                if (head == null || !head.filled) {
                    changed.await();
                    continue;
                }
                long wait = head.dueNanos - System.nanoTime();
                if (wait > 0) {
                    changed.await(wait, TimeUnit.NANOSECONDS);
                    continue;
                }
                return slots.pollFirst();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the writer for good: the connection is gone. */
    void close() {
        lock.lock();
        try {
            closed = true;
            slots.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

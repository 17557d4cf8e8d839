package dev.gregor.reliability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The longest pause between two events of the same key (a partition's acknowledgements, a member's records): the
 * stall a fault caused. Measured on the monotonic clock.
 */
public final class ProgressGaps {

    private final Map<Object, Long> lastEventNanos = new ConcurrentHashMap<>();
    private final AtomicLong longestGapNanos = new AtomicLong();

    /** Notes an event of {@code key} now. */
    public void progress(Object key) {
        long now = System.nanoTime();
        Long previous = lastEventNanos.put(key, now);
        if (previous != null) {
            longestGapNanos.accumulateAndGet(now - previous, Math::max);
        }
    }

    /** The longest gap between two events of one key so far, in milliseconds. */
    public long longestGapMillis() {
        return longestGapNanos.get() / 1_000_000;
    }
}

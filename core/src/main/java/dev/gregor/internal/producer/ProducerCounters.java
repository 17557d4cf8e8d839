package dev.gregor.internal.producer;

import java.util.concurrent.atomic.LongAdder;

import dev.gregor.internal.metrics.ClientCounters;

/**
 * An engine's counts of batches and requests sent, over all its handles, updated by the sender thread; delivered
 * batches go on to the client's counters.
 */
final class ProducerCounters {

    private final ClientCounters client;

    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder requestsSent = new LongAdder();

    ProducerCounters(ClientCounters client) {
        this.client = client;
    }

    void sent(int batches) {
        batchesSent.add(batches);
        requestsSent.increment();
    }

    /** A batch of {@code records} in {@code bytes} is delivered. */
    void delivered(int records, int bytes) {
        client.sent(records, bytes);
    }

    long batchesSent() {
        return batchesSent.sum();
    }

    long requestsSent() {
        return requestsSent.sum();
    }
}

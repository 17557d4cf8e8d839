package dev.gregor.internal.producer;

import java.util.concurrent.atomic.LongAdder;

/** An engine's counts of batches and requests sent, over all its handles, updated by the sender thread. */
final class ProducerCounters {

    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder requestsSent = new LongAdder();

    void sent(int batches) {
        batchesSent.add(batches);
        requestsSent.increment();
    }

    long batchesSent() {
        return batchesSent.sum();
    }

    long requestsSent() {
        return requestsSent.sum();
    }
}

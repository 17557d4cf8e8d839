package dev.gregor.internal.producer;

import java.util.concurrent.atomic.LongAdder;

import dev.gregor.producer.ProducerMetrics;

/** The live counters behind {@link ProducerMetrics}, updated by the sender thread. */
final class ProducerCounters {

    private final LongAdder recordsDelivered = new LongAdder();
    private final LongAdder recordsFailed = new LongAdder();
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder requestsSent = new LongAdder();

    void delivered(int records) {
        recordsDelivered.add(records);
    }

    void failed(int records) {
        recordsFailed.add(records);
    }

    void sent(int batches) {
        batchesSent.add(batches);
        requestsSent.increment();
    }

    ProducerMetrics snapshot() {
        return new ProducerMetrics(recordsDelivered.sum(), recordsFailed.sum(), batchesSent.sum(), requestsSent.sum());
    }
}

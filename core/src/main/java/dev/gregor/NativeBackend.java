package dev.gregor;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.consumer.FetchPipeline;
import dev.gregor.internal.engine.BackendProvider;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.PartitionOffsets;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.RecordSource;
import dev.gregor.internal.producer.NativeProducerEngine;
import dev.gregor.producer.ProducerConfig;

/** Gregor's own engines, {@link Backend#NATIVE}: the producer engine across topics and the fetch pipeline. */
final class NativeBackend implements BackendProvider {

    static final NativeBackend INSTANCE = new NativeBackend();

    private NativeBackend() {
    }

    @Override
    public ProducerEngine producerEngine(ClientContext context, ProducerConfig config) {
        return new NativeProducerEngine(context, config);
    }

    @Override
    public RecordSource recordSource(ClientContext context, ConsumerConfig config, PartitionOffsets listOffsets) {
        return new FetchPipeline(context, config, listOffsets);
    }
}

package dev.gregor.internal.engine;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.producer.ProducerConfig;

/**
 * A second engine for producers and consumers (registered in {@code META-INF/services}). Gregor keeps partition
 * choice, group membership and offset commits; the backend moves the records.
 */
public interface BackendProvider {

    /**
     * A producer engine for every topic, following the engine settings of {@code config}, through the client of
     * {@code context}; the client shares it among its producer handles.
     */
    ProducerEngine producerEngine(ClientContext context, ProducerConfig config);

    /**
     * The record source of a consumer: it fetches the partitions it is given, of any topics, from the offsets it
     * is given; {@code listOffsets} answers where a timestamp falls, for resets.
     */
    RecordSource recordSource(ClientContext context, ConsumerConfig config, PartitionOffsets listOffsets);
}

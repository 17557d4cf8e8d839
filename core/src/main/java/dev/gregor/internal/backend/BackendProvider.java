package dev.gregor.internal.backend;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;

/**
 * A second engine for producers and consumers (registered in {@code META-INF/services}). Gregor keeps partition
 * choice, group membership and offset commits; the backend moves the records.
 */
public interface BackendProvider {

    /** A producer for {@code topic} following {@code config}, through the client of {@code context}. */
    Producer producer(ClientContext context, String topic, ProducerConfig config);

    /**
     * The record source of a consumer: it fetches the partitions it is given, of any topics, from the offsets it
     * is given; {@code listOffsets} answers where a timestamp falls, for resets.
     */
    RecordSource recordSource(ClientContext context, ConsumerConfig config, PartitionOffsets listOffsets);
}

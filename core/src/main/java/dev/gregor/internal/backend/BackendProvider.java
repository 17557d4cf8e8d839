package dev.gregor.internal.backend;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.backend.RecordSource;
import dev.gregor.internal.client.ClientContext;
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
     * The record source of a consumer of {@code topic}: it fetches the partitions it is given, from the offsets
     * it is given; {@code listOffsets} answers where a timestamp (-2 earliest, -1 latest) falls, for resets.
     */
    RecordSource recordSource(ClientContext context, String topic, ConsumerConfig config,
                              Function<Long, CompletableFuture<Map<Integer, Long>>> listOffsets);
}

package dev.gregor.backend.kafkaclients;

import dev.gregor.backend.kafkaclients.internal.KafkaClientsProducerEngine;
import dev.gregor.backend.kafkaclients.internal.KafkaClientsRecordSource;
import dev.gregor.backend.kafkaclients.internal.KafkaClientsVersion;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.BackendProvider;
import dev.gregor.internal.engine.ClientContext;
import dev.gregor.internal.engine.PartitionOffsets;
import dev.gregor.internal.engine.ProducerEngine;
import dev.gregor.internal.engine.RecordSource;
import dev.gregor.producer.ProducerConfig;

/**
 * The {@code KAFKA_CLIENTS} backend: a {@code KafkaProducer} per producer engine and manually assigned
 * {@code KafkaConsumer}s. Each producer engine and consumer it makes first checks that the kafka-clients on the
 * class path is one it runs on.
 */
public final class KafkaClientsBackend implements BackendProvider {

    @Override
    public ProducerEngine producerEngine(ClientContext context, ProducerConfig config) {
        KafkaClientsVersion.requireSupported();
        return new KafkaClientsProducerEngine(context, config);
    }

    @Override
    public RecordSource recordSource(ClientContext context, ConsumerConfig config, PartitionOffsets listOffsets) {
        KafkaClientsVersion.requireSupported();
        return new KafkaClientsRecordSource(context, config);
    }
}

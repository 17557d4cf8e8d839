package dev.gregor.backend.kafkaclients;

import dev.gregor.backend.kafkaclients.internal.KafkaClientsProducer;
import dev.gregor.backend.kafkaclients.internal.KafkaClientsRecordSource;
import dev.gregor.backend.kafkaclients.internal.KafkaClientsVersion;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.backend.BackendProvider;
import dev.gregor.internal.backend.PartitionOffsets;
import dev.gregor.internal.backend.RecordSource;
import dev.gregor.internal.client.ClientContext;
import dev.gregor.producer.Producer;
import dev.gregor.producer.ProducerConfig;

/**
 * The {@code KAFKA_CLIENTS} backend: {@code KafkaProducer} and manually assigned {@code KafkaConsumer}s. Each producer
 * and consumer it makes first checks that the kafka-clients on the class path is one it runs on.
 */
public final class KafkaClientsBackend implements BackendProvider {

    @Override
    public Producer producer(ClientContext context, String topic, ProducerConfig config) {
        KafkaClientsVersion.requireSupported();
        return new KafkaClientsProducer(context, topic, config);
    }

    @Override
    public RecordSource recordSource(ClientContext context, ConsumerConfig config, PartitionOffsets listOffsets) {
        KafkaClientsVersion.requireSupported();
        return new KafkaClientsRecordSource(context, config);
    }
}

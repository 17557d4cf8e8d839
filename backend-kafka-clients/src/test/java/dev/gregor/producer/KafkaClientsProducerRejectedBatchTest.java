package dev.gregor.producer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link ProducerRejectedBatchTest} suite, run on the kafka-clients backend. */
class KafkaClientsProducerRejectedBatchTest extends ProducerRejectedBatchTest {

    KafkaClientsProducerRejectedBatchTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.producer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link ProducerTest} suite, run on the kafka-clients backend. */
class KafkaClientsProducerTest extends ProducerTest {

    KafkaClientsProducerTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.producer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link SharedProducerEngineTest}, run on the kafka-clients backend. */
class KafkaClientsSharedProducerEngineTest extends SharedProducerEngineTest {

    KafkaClientsSharedProducerEngineTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.consumer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link SimpleConsumerTest} suite, run on the kafka-clients backend. */
class KafkaClientsSimpleConsumerTest extends SimpleConsumerTest {

    KafkaClientsSimpleConsumerTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.internal.consumer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link BalancedConsumerTest} suite, run on the kafka-clients backend. */
class KafkaClientsBalancedConsumerTest extends BalancedConsumerTest {

    KafkaClientsBalancedConsumerTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.consumer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link BalancedMultiTopicConsumerTest} suite, run on the kafka-clients backend. */
class KafkaClientsBalancedMultiTopicConsumerTest extends BalancedMultiTopicConsumerTest {

    KafkaClientsBalancedMultiTopicConsumerTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

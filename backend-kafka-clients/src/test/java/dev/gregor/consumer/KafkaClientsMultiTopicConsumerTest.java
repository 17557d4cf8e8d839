package dev.gregor.consumer;

import dev.gregor.Backend;
import dev.gregor.testkit.EmbeddedKafkaCluster;

/** Core's {@link MultiTopicConsumerTest} suite, run on the kafka-clients backend. */
class KafkaClientsMultiTopicConsumerTest extends MultiTopicConsumerTest {

    KafkaClientsMultiTopicConsumerTest(EmbeddedKafkaCluster cluster) {
        super(cluster);
    }

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.internal.consumer;

import dev.gregor.Backend;

/** Core's {@link BalancedConsumerFailoverTest}, run on the kafka-clients backend. */
class KafkaClientsBalancedConsumerFailoverTest extends BalancedConsumerFailoverTest {

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

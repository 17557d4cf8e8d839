package dev.gregor.consumer;

import dev.gregor.Backend;

/** Core's {@link SimpleConsumerFailoverTest}, run on the kafka-clients backend. */
class KafkaClientsSimpleConsumerFailoverTest extends SimpleConsumerFailoverTest {

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

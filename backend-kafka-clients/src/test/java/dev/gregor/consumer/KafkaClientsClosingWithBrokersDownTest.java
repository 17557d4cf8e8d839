package dev.gregor.consumer;

import dev.gregor.Backend;

/** Core's {@link ClosingWithBrokersDownTest}, run on the kafka-clients backend. */
class KafkaClientsClosingWithBrokersDownTest extends ClosingWithBrokersDownTest {

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

package dev.gregor.producer;

import dev.gregor.Backend;

/** Core's {@link ProducerFailoverTest}, run on the kafka-clients backend. */
class KafkaClientsProducerFailoverTest extends ProducerFailoverTest {

    @Override
    Backend backend() {
        return Backend.KAFKA_CLIENTS;
    }
}

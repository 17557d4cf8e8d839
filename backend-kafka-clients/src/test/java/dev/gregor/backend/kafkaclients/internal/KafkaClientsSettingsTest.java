package dev.gregor.backend.kafkaclients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import dev.gregor.Backend;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.internal.engine.ClientSettings;
import dev.gregor.security.SecurityProtocol;
import org.junit.jupiter.api.Test;

class KafkaClientsSettingsTest {

    private static final ClientSettings CLIENT = new ClientSettings("127.0.0.1:1", "app", SecurityProtocol.PLAINTEXT,
            null, null);

    @Test
    void theConsumersOwnPropertiesReachTheKafkaConsumerOverGregorsDefaults() {
        ConsumerConfig config = ConsumerConfig.builder().backend(Backend.KAFKA_CLIENTS)
                .kafkaClientsProperties(Map.of("max.poll.records", "50", "receive.buffer.bytes", "262144")).build();

        Properties properties = KafkaClientsSettings.consumer(CLIENT, "c", config);

        assertThat(properties).containsEntry("max.poll.records", "50").containsEntry("receive.buffer.bytes", "262144")
                .containsEntry("enable.auto.commit", "false");
    }
}

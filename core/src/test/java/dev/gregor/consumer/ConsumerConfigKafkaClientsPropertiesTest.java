package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import org.junit.jupiter.api.Test;

class ConsumerConfigKafkaClientsPropertiesTest {

    @Test
    void theKafkaClientsBackendKeepsTheProperties() {
        ConsumerConfig config = ConsumerConfig.builder().backend(Backend.KAFKA_CLIENTS)
                .kafkaClientsProperties(Map.of("receive.buffer.bytes", "262144")).build();

        assertThat(config.kafkaClientsProperties()).containsExactly(Map.entry("receive.buffer.bytes", "262144"));
        assertThat(config.toBuilder().build().kafkaClientsProperties()).isEqualTo(config.kafkaClientsProperties());
    }

    @Test
    void theNativeBackendRefusesThemNamingTheKeys() {
        ConsumerConfig.Builder builder = ConsumerConfig.builder()
                .kafkaClientsProperties(Map.of("receive.buffer.bytes", "262144"));

        assertThatThrownBy(builder::build).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("kafkaClientsProperties").hasMessageContaining("receive.buffer.bytes")
                .hasMessageContaining("KAFKA_CLIENTS");
    }

    @Test
    void aNameGregorDecidesIsRefusedNamingTheSettingToUse() {
        assertThatThrownBy(() -> ConsumerConfig.builder().kafkaClientsProperties(Map.of("session.timeout.ms", "30000")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("session.timeout.ms")
                .hasMessageContaining("sessionTimeout");
        assertThatThrownBy(() -> ConsumerConfig.builder().kafkaClientsProperties(Map.of("group.id", "g")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumerGroup");
    }
}

package dev.gregor.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KafkaApiTest {

    @ParameterizedTest
    @EnumSource(KafkaApi.class)
    void eachApiCarriesKafkasOwnKeyForIt(KafkaApi api) {
        assertThat(api.key()).isEqualTo(ApiKeys.valueOf(api.name()).id);
    }
}

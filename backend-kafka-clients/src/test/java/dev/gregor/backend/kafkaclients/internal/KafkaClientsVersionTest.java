package dev.gregor.backend.kafkaclients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaClientsVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"4.4.0", "4.4.1", "4.4.2-SNAPSHOT", "4.5.0", "4.10.3"})
    void theBuiltVersionAndLaterReleasesOfItsMajorRun(String found) {
        assertThat(KafkaClientsVersion.problem(found, "4.4.0")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.1.2", "4.3.9", "4.0.0", "3.9.1"})
    void anOlderKafkaClientsIsRefusedWithTheFoundAndNeededVersionsAndTheMavenFix(String found) {
        assertThat(KafkaClientsVersion.problem(found, "4.4.0")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("kafka-clients " + found)
                .contains("org.apache.kafka:kafka-clients 4.4.0 or a later 4.x")
                .contains("Spring Boot parent or BOM")
                .contains("<kafka.version>4.4.0</kafka.version>")
                .contains("<dependencyManagement>"));
    }

    @Test
    void aLaterMajorVersionIsRefused() {
        assertThat(KafkaClientsVersion.problem("5.0.0", "4.4.0")).hasValueSatisfying(problem ->
                assertThat(problem).contains("kafka-clients 5.0.0 (a later major version)"));
    }

    @Test
    void aKafkaClientsThatCannotTellItsVersionRuns() {
        assertThat(KafkaClientsVersion.problem("unknown", "4.4.0")).isEmpty();
    }

    @Test
    void theKafkaClientsOfThisBuildPasses() {
        assertThat(KafkaClientsVersion.found()).isEqualTo(AppInfoParser.getVersion()).matches("4\\.4\\.\\d+");
        assertThat(KafkaClientsVersion.builtAgainst()).isEqualTo(KafkaClientsVersion.found());
        assertThatCode(KafkaClientsVersion::requireSupported).doesNotThrowAnyException();
    }
}

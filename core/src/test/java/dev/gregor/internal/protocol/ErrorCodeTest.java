package dev.gregor.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyKnownCodeHasKafkasNameAndRetriability() {
        Arrays.stream(ErrorCode.values()).filter(error -> error != ErrorCode.UNKNOWN).forEach(error -> {
            Errors kafka = Errors.forCode(error.code());
            assertThat(kafka.name()).as("name of code %d", error.code()).isEqualTo(error.name());
            assertThat(kafka.exception() instanceof RetriableException)
                    .as("retriable %s", error).isEqualTo(error.isRetriable());
            assertThat(kafka.exception() instanceof InvalidMetadataException)
                    .as("invalidates metadata %s", error).isEqualTo(error.invalidatesMetadata());
        });
    }

    @Test
    void unknownCodesKeepTheirNumber() {
        assertThat(ErrorCode.forCode((short) 9999)).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorCode.describe((short) 9999)).isEqualTo("error code 9999");
        assertThat(ErrorCode.describe((short) 6)).isEqualTo("NOT_LEADER_OR_FOLLOWER (6)");
    }
}

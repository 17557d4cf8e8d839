package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeyTest {

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void describesEachApiAsKafkaDoes(ApiKey api) {
        ApiKeys kafka = ApiKeys.forId(api.id());

        assertThat(api.title()).isEqualTo(kafka.name);
        assertThat(api.lowestVersion()).isEqualTo(kafka.oldestVersion());
        assertThat(api.highestVersion()).isEqualTo(kafka.latestVersion(true));
        for (short version = api.lowestVersion(); version <= api.highestVersion(); version++) {
            assertThat(api.requestHeaderVersion(version)).as("request header of v%d", version)
                    .isEqualTo(kafka.requestHeaderVersion(version));
            assertThat(api.responseHeaderVersion(version)).as("response header of v%d", version)
                    .isEqualTo(kafka.responseHeaderVersion(version));
        }
    }

    @Test
    void knowsFlexibleVersions() {
        assertThat(ApiKey.FETCH.firstFlexibleVersion()).isEqualTo((short) 12);
        assertThat(ApiKey.FETCH.isFlexible((short) 11)).isFalse();
        assertThat(ApiKey.FETCH.isFlexible((short) 12)).isTrue();
        assertThat(ApiKey.SASL_HANDSHAKE.firstFlexibleVersion()).isEqualTo((short) -1);
        assertThat(ApiKey.SASL_HANDSHAKE.isFlexible((short) 1)).isFalse();
    }

    @Test
    void apiVersionsResponsesAlwaysUseHeaderVersionZero() {
        assertThat(ApiKey.API_VERSIONS.requestHeaderVersion((short) 3)).isEqualTo((short) 2);
        assertThat(ApiKey.API_VERSIONS.responseHeaderVersion((short) 3)).isZero();
    }

    @Test
    void findsApisByIdAndRejectsUnknownIds() {
        assertThat(ApiKey.forId((short) 1)).isEqualTo(ApiKey.FETCH);
        assertThatThrownBy(() -> ApiKey.forId((short) 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No generated messages for api key 99");
    }

    @Test
    void readsRequestsAndResponsesOfItsApi() {
        ByteBuf in = Unpooled.buffer();
        new HeartbeatResponse().setErrorCode((short) 27).write(in, (short) 4);
        new HeartbeatRequest().setGroupId("group").write(in, (short) 4);

        assertThat(ApiKey.HEARTBEAT.readResponse(in, (short) 4))
                .isEqualTo(new HeartbeatResponse().setErrorCode((short) 27));
        assertThat(ApiKey.HEARTBEAT.readRequest(in, (short) 4)).isEqualTo(new HeartbeatRequest().setGroupId("group"));
        in.release();
    }
}

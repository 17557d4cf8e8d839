package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gregor.internal.protocol.MessageEncodingException;
import dev.gregor.internal.protocol.UnsupportedVersionException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EncodingRulesTest {

    private final ByteBuf out = Unpooled.buffer();

    @AfterEach
    void releaseBuffer() {
        out.release();
    }

    @Test
    void aValueInAFieldTheVersionLacksIsRejectedUnlessIgnorable() {
        FetchRequest request = new FetchRequest().setTopics(List.of(new FetchRequest.FetchTopic()
                .setTopic("orders")
                .setPartitions(List.of(new FetchRequest.FetchPartition().setLastFetchedEpoch(5)))));

        assertThatThrownBy(() -> request.write(out, (short) 11))
                .isInstanceOf(MessageEncodingException.class)
                .hasMessage("FetchRequest.FetchPartition.LastFetchedEpoch is set to a non-default value, but version 11"
                        + " cannot carry it");
    }

    @Test
    void anIgnorableValueIsDroppedInVersionsThatLackTheField() {
        FetchRequest request = new FetchRequest().setRackId("rack-1").setMaxWaitMs(500);

        request.write(out, (short) 10);
        FetchRequest decoded = FetchRequest.read(out, (short) 10);

        assertThat(decoded.rackId()).isEmpty();
        assertThat(decoded.maxWaitMs()).isEqualTo(500);
    }

    @Test
    void aNullWhereTheVersionForbidsItIsRejected() {
        MetadataRequest allTopics = new MetadataRequest().setTopics(null);

        assertThatThrownBy(() -> allTopics.write(out, (short) 0))
                .isInstanceOf(MessageEncodingException.class)
                .hasMessage("MetadataRequest.Topics is null, but is not nullable in version 0");
        allTopics.write(out, (short) 1);
        assertThat(MetadataRequest.read(out, (short) 1).topics()).isNull();
    }

    @Test
    void versionsOutsideTheSchemaAreRejectedBothWays() {
        FetchRequest request = new FetchRequest();

        assertThatThrownBy(() -> request.write(out, (short) 3))
                .isInstanceOf(UnsupportedVersionException.class)
                .hasMessage("FetchRequest supports versions 4 to 18, not 3");
        assertThatThrownBy(() -> request.size((short) 19)).isInstanceOf(UnsupportedVersionException.class);
        assertThatThrownBy(() -> FetchRequest.read(out, (short) 19)).isInstanceOf(UnsupportedVersionException.class);
    }

    @Test
    void taggedFieldsAreWrittenOnlyWhenTheyDifferFromTheirDefault() {
        FetchRequest request = new FetchRequest();
        int withoutClusterId = request.size((short) 12);

        request.setClusterId("cluster");

        // tag (1) + size (1) + compact string (1 + 7)
        assertThat(request.size((short) 12)).isEqualTo(withoutClusterId + 10);
        request.write(out, (short) 12);
        assertThat(FetchRequest.read(out, (short) 12).clusterId()).isEqualTo("cluster");
    }

    @Test
    void fieldsStartWithTheirSchemaDefaults() {
        FetchRequest request = new FetchRequest();

        assertThat(request.replicaId()).isEqualTo(-1);
        assertThat(request.maxBytes()).isEqualTo(Integer.MAX_VALUE);
        assertThat(request.clusterId()).isNull();
        assertThat(request.rackId()).isEmpty();
        assertThat(request.topics()).isEmpty();
        assertThat(new FetchRequest.FetchPartition().highWatermark()).isEqualTo(Long.MAX_VALUE);
    }
}

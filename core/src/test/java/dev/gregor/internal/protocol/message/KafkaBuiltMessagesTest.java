package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.Test;

/** Messages built with Kafka's own classes, as a broker would send them, decoded by ours field by field. */
class KafkaBuiltMessagesTest {

    @Test
    void decodesKafkasApiVersionsResponseIncludingTaggedFeatures() {
        ApiVersionsResponseData kafka = new ApiVersionsResponseData().setThrottleTimeMs(5).setFinalizedFeaturesEpoch(9);
        kafka.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 1).setMinVersion((short) 4)
                .setMaxVersion((short) 17));
        kafka.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey().setName("metadata.version")
                .setMinVersion((short) 1).setMaxVersion((short) 27));
        ByteBuf in = encodeWithKafka(kafka, (short) 4);

        ApiVersionsResponse ours = ApiVersionsResponse.read(in, (short) 4);

        assertThat(ours.throttleTimeMs()).isEqualTo(5);
        assertThat(ours.finalizedFeaturesEpoch()).isEqualTo(9);
        assertThat(ours.apiKeys()).containsExactly(new ApiVersionsResponse.ApiVersion().setApiKey((short) 1)
                .setMinVersion((short) 4).setMaxVersion((short) 17));
        assertThat(ours.supportedFeatures()).singleElement()
                .satisfies(feature -> assertThat(feature.name()).isEqualTo("metadata.version"));
        assertThat(in.isReadable()).isFalse();
        in.release();
    }

    @Test
    void decodesKafkasMetadataRequestForAllTopicsAsNull() {
        ByteBuf in = encodeWithKafka(new MetadataRequestData().setTopics(null).setAllowAutoTopicCreation(false),
                (short) 12);

        MetadataRequest ours = MetadataRequest.read(in, (short) 12);

        assertThat(ours.topics()).isNull();
        assertThat(ours.allowAutoTopicCreation()).isFalse();
        in.release();
    }

    @Test
    void decodesKafkasFetchResponseWithRecordsAndTaggedLeader() {
        Uuid topicId = Uuid.randomUuid();
        byte[] batch = {10, 20, 30};
        FetchResponseData kafka = new FetchResponseData().setSessionId(77).setResponses(List.of(
                new FetchResponseData.FetchableTopicResponse().setTopicId(topicId).setPartitions(List.of(
                        new FetchResponseData.PartitionData().setPartitionIndex(2).setHighWatermark(100)
                                .setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch().setLeaderId(3)
                                        .setLeaderEpoch(8))
                                .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(batch)))))));
        ByteBuf in = encodeWithKafka(kafka, (short) 16);

        FetchResponse ours = FetchResponse.read(in, (short) 16);
        in.release();

        FetchResponse.FetchableTopicResponse topic = ours.responses().get(0);
        FetchResponse.PartitionData partition = topic.partitions().get(0);
        assertThat(ours.sessionId()).isEqualTo(77);
        assertThat(topic.topicId()).isEqualTo(new UUID(topicId.getMostSignificantBits(),
                topicId.getLeastSignificantBits()));
        assertThat(partition.highWatermark()).isEqualTo(100);
        assertThat(partition.currentLeader().leaderId()).isEqualTo(3);
        assertThat(partition.currentLeader().leaderEpoch()).isEqualTo(8);
        assertThat(ByteBufUtil.getBytes(partition.records())).isEqualTo(batch);
        ours.release();
    }

    private static ByteBuf encodeWithKafka(Message kafka, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer bytes = ByteBuffer.allocate(kafka.size(cache, version));
        kafka.write(new ByteBufferAccessor(bytes), cache, version);
        return PooledByteBufAllocator.DEFAULT.buffer(bytes.capacity()).writeBytes(bytes.flip());
    }
}

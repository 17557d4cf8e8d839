package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsOwnershipTest {

    private static final byte[] BATCH = {1, 2, 3, 4, 5};

    @Test
    void readRecordsOutliveTheFrameUntilTheResponseIsReleased() {
        ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer();
        FetchResponse original = fetchResponse(pooled(BATCH));
        original.write(frame, (short) 16);
        original.release();

        FetchResponse decoded = FetchResponse.read(frame, (short) 16);
        frame.release();

        ByteBuf records = decoded.responses().get(0).partitions().get(0).records();
        assertThat(frame.refCnt()).as("held by the records slice").isEqualTo(1);
        assertThat(ByteBufUtil.getBytes(records)).isEqualTo(BATCH);
        decoded.release();
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void releaseFreesRecordsOnceAndThenDoesNothing() {
        ByteBuf records = pooled(BATCH);
        FetchResponse response = fetchResponse(records);

        response.release();
        response.release();

        assertThat(records.refCnt()).isZero();
        assertThat(response.responses().get(0).partitions().get(0).records()).isNull();
    }

    @Test
    void writingLeavesRecordsInPlaceSoAMessageCanBeWrittenTwice() {
        ByteBuf records = pooled(BATCH);
        ProduceRequest request = new ProduceRequest().setAcks((short) -1).setTopicData(List.of(
                new ProduceRequest.TopicProduceData().setName("orders").setPartitionData(List.of(
                        new ProduceRequest.PartitionProduceData().setIndex(0).setRecords(records)))));
        ByteBuf first = PooledByteBufAllocator.DEFAULT.buffer();
        ByteBuf second = PooledByteBufAllocator.DEFAULT.buffer();

        request.write(first, (short) 9);
        request.write(second, (short) 9);

        assertThat(ByteBufUtil.equals(first, second)).isTrue();
        assertThat(records.readerIndex()).isZero();
        request.release();
        assertThat(records.refCnt()).isZero();
        first.release();
        second.release();
    }

    private static FetchResponse fetchResponse(ByteBuf records) {
        return new FetchResponse().setResponses(List.of(new FetchResponse.FetchableTopicResponse()
                .setTopic("orders")
                .setPartitions(List.of(new FetchResponse.PartitionData().setPartitionIndex(3).setRecords(records)))));
    }

    private static ByteBuf pooled(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }
}

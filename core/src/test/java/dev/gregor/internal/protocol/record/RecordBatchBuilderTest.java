package dev.gregor.internal.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.gregor.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordBatchBuilderTest {

    private static final long BASE_TIME = 1_700_000_000_000L;

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void kafkaReadsEveryRecordOfOurBatches(CompressionCodec codec) {
        List<Sample> samples = samples(500);
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, codec, 1 << 20, false);
        samples.forEach(sample -> builder.append(sample.timestamp, sample.key, sample.value, sample.headers));

        ByteBuf batch = builder.build(4242L, (short) 3, 17);
        try {
            MemoryRecords read = MemoryRecords.readableRecords(copy(batch));
            List<RecordBatch> batches = new ArrayList<>();
            read.batches().forEach(batches::add);
            assertThat(batches).hasSize(1);
            RecordBatch kafkaBatch = batches.get(0);
            kafkaBatch.ensureValid();
            assertThat(kafkaBatch.compressionType()).isEqualTo(CompressionType.forId(codec.id()));
            assertThat(kafkaBatch.producerId()).isEqualTo(4242L);
            assertThat(kafkaBatch.producerEpoch()).isEqualTo((short) 3);
            assertThat(kafkaBatch.baseSequence()).isEqualTo(17);
            assertThat(kafkaBatch.countOrNull()).isEqualTo(samples.size());
            assertThat(kafkaBatch.lastOffset()).isEqualTo(samples.size() - 1);
            assertThat(kafkaBatch.maxTimestamp()).isEqualTo(samples.stream().mapToLong(s -> s.timestamp).max().orElseThrow());

            int index = 0;
            for (Record record : kafkaBatch) {
                Sample expected = samples.get(index);
                assertThat(record.offset()).isEqualTo(index);
                assertThat(record.timestamp()).isEqualTo(expected.timestamp);
                assertThat(bytes(record.key())).isEqualTo(expected.key);
                assertThat(bytes(record.value())).isEqualTo(expected.value);
                assertThat(record.headers()).hasSize(expected.headers.size());
                for (int h = 0; h < expected.headers.size(); h++) {
                    assertThat(record.headers()[h].key()).isEqualTo(expected.headers.get(h).key());
                    assertThat(record.headers()[h].value()).isEqualTo(expected.headers.get(h).value());
                }
                index++;
            }
            assertThat(index).isEqualTo(samples.size());
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void batchesStopAtTheirSizeLimitButTakeOneOversizedRecord(CompressionCodec codec) {
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, codec, 4096, false);
        byte[] value = new byte[1000];
        int appended = 0;
        while (builder.hasRoomFor(RecordBatchBuilder.sizeBound(null, value, List.of()))) {
            builder.append(BASE_TIME, null, value, List.of());
            appended++;
        }
        assertThat(appended).isEqualTo(4);
        assertThat(builder.recordBytes()).isLessThanOrEqualTo(4096);
        builder.release();

        RecordBatchBuilder lone = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, codec, 4096, false);
        assertThat(lone.hasRoomFor(RecordBatchBuilder.sizeBound(null, new byte[10_000], List.of()))).isTrue();
        lone.append(BASE_TIME, null, new byte[10_000], List.of());
        assertThat(lone.hasRoomFor(RecordBatchBuilder.sizeBound(null, new byte[1], List.of()))).isFalse();
        lone.build(-1, (short) -1, -1).release();
    }

    private static List<Sample> samples(int count) {
        Random random = new Random(42);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] key = i % 7 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = i % 11 == 0 ? null : new byte[random.nextInt(300)];
            if (value != null) {
                random.nextBytes(value);
            }
            List<Header> headers = i % 3 == 0 ? List.of() : List.of(Header.of("trace", "t-" + i), new Header("empty", null));
            samples.add(new Sample(BASE_TIME + random.nextInt(10_000) - 5_000, key, value, headers));
        }
        return samples;
    }

    private static ByteBuffer copy(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return ByteBuffer.wrap(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return buffer == null ? null : Utils.toArray(buffer);
    }

    private record Sample(long timestamp, byte[] key, byte[] value, List<Header> headers) {
    }
}

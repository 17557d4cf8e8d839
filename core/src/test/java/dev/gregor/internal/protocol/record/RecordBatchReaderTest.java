package dev.gregor.internal.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import dev.gregor.Header;
import dev.gregor.Message;
import dev.gregor.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

class RecordBatchReaderTest {

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void decodesWhatTheBuilderWroteFromTheRequestedOffsetOn(CompressionCodec codec) {
        ByteBuf batches = Unpooled.buffer();
        batches.writeBytes(batch(codec, 0, 100));
        batches.writeBytes(batch(codec, 100, 50));

        List<Message> read = readAll(batches, 30);

        assertThat(read).hasSize(120);
        assertThat(read.get(0).offset()).isEqualTo(30);
        assertThat(read.get(0).valueAsString()).isEqualTo("v30");
        assertThat(read.get(0).keyAsString()).isEqualTo("k30");
        assertThat(read.get(0).timestamp()).isEqualTo(1_000 + 30);
        assertThat(read.get(0).headers()).containsExactly(Header.of("h", "30"));
        assertThat(read.get(119).offset()).isEqualTo(149);
        assertThat(read.get(119).value()).isNull();
    }

    @Test
    void aBatchCutShortAtTheEndIsLeftForTheNextFetch() {
        ByteBuf batches = Unpooled.buffer();
        batches.writeBytes(batch(CompressionCodec.NONE, 0, 10));
        ByteBuf second = batch(CompressionCodec.NONE, 10, 10);
        batches.writeBytes(second, 0, second.readableBytes() - 5);

        assertThat(readAll(batches, 0)).hasSize(10);
    }

    @Test
    void recognisesTransactionMarkersAndBadChecksums() {
        ByteBuffer commit = MemoryRecords.withEndTransactionMarker(5L, 7L, (short) 0,
                new EndTransactionMarker(ControlRecordType.COMMIT, 0)).buffer();
        ByteBuffer abort = MemoryRecords.withEndTransactionMarker(6L, 7L, (short) 0,
                new EndTransactionMarker(ControlRecordType.ABORT, 0)).buffer();

        RecordBatchView committed = new RecordBatchReader(Unpooled.wrappedBuffer(commit)).next();
        RecordBatchView aborted = new RecordBatchReader(Unpooled.wrappedBuffer(abort)).next();

        assertThat(committed.isControl()).isTrue();
        assertThat(committed.isCommitMarker()).isTrue();
        assertThat(aborted.isCommitMarker()).isFalse();
        assertThat(committed.producerId()).isEqualTo(7L);
        assertThat(committed.isValid()).isTrue();

        ByteBuf corrupt = batch(CompressionCodec.NONE, 0, 3);
        corrupt.setByte(corrupt.writerIndex() - 1, corrupt.getByte(corrupt.writerIndex() - 1) ^ 0x55);
        assertThat(new RecordBatchReader(corrupt).next().isValid()).isFalse();
    }

    @Test
    void garbageAndOldFormatsFailCleanly() {
        ByteBuf oldFormat = batch(CompressionCodec.NONE, 0, 1);
        oldFormat.setByte(16, 1);
        assertThatThrownBy(() -> new RecordBatchReader(oldFormat).next())
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("magic");

        ByteBuf lying = batch(CompressionCodec.NONE, 0, 1);
        lying.setByte(RecordBatchBuilder.HEADER_SIZE, 0x7f);
        assertThatThrownBy(() -> readAll(lying, 0)).isInstanceOf(MalformedMessageException.class);

        ByteBuf huge = batch(CompressionCodec.GZIP, 0, 1);
        huge.setInt(57, Integer.MAX_VALUE);
        assertThatThrownBy(() -> readAll(huge, 0)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aCompressedBatchThatExpandsBeyondAnyRecordItCouldHoldIsMalformed() throws Exception {
        // 100 MiB of zeros gzip to about 100 KiB: far more than 64 times the batch, the most a batch may expand to.
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                gzip.write(zeros);
            }
        }
        ByteBuf header = batch(CompressionCodec.GZIP, 0, 1).slice(0, RecordBatchBuilder.HEADER_SIZE);
        ByteBuf batch = Unpooled.buffer().writeBytes(header).writeBytes(bomb.toByteArray());
        batch.setInt(8, batch.readableBytes() - 12);

        assertThatThrownBy(() -> readAll(batch, 0)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("decompresses to more than " + (64 << 20) + " bytes");
    }

    @Test
    void readsTheSnappyBatchesKafkaClientsWrites() {
        SimpleRecord[] records = new SimpleRecord[300];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(1_000 + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("value " + i).repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer kafkaBatch = MemoryRecords.withRecords(Compression.snappy().build(), records).buffer();

        List<Message> read = readAll(Unpooled.wrappedBuffer(kafkaBatch), 0);

        assertThat(read).hasSize(300);
        assertThat(read.get(299).valueAsString()).isEqualTo("value 299".repeat(50));
    }

    @Test
    void readsASnappyBatchWrittenAsOneRawBlockAsLibrdkafkaDoes() throws Exception {
        ByteBuf plain = batch(CompressionCodec.NONE, 0, 20);
        byte[] recordBytes = ByteBufUtil.getBytes(plain, RecordBatchBuilder.HEADER_SIZE,
                plain.readableBytes() - RecordBatchBuilder.HEADER_SIZE);
        byte[] raw = Snappy.compress(recordBytes);
        ByteBuf snappy = Unpooled.buffer().writeBytes(plain, 0, RecordBatchBuilder.HEADER_SIZE).writeBytes(raw);
        snappy.setInt(8, snappy.readableBytes() - 12);
        snappy.setShort(21, CompressionCodec.SNAPPY.id());
        CRC32C crc = new CRC32C();
        crc.update(snappy.nioBuffer(21, snappy.readableBytes() - 21));
        snappy.setInt(17, (int) crc.getValue());

        assertThat(new RecordBatchReader(snappy).next().isValid()).isTrue();
        assertThat(readAll(snappy, 0)).extracting(Message::offset, Message::valueAsString)
                .containsExactlyElementsOf(readAll(plain, 0).stream()
                        .map(message -> tuple(message.offset(), message.valueAsString())).toList());
        plain.release();
        snappy.release();
    }

    private static List<Message> readAll(ByteBuf batches, long fromOffset) {
        List<Message> read = new ArrayList<>();
        RecordBatchReader reader = new RecordBatchReader(batches);
        while (reader.hasNext()) {
            RecordBatchView.RecordIterator records = reader.next().records("t", 0, fromOffset);
            while (records.hasNext()) {
                read.add(records.next());
            }
        }
        return read;
    }

    private static ByteBuf batch(CompressionCodec codec, long baseOffset, int count) {
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, codec, 1 << 20, false);
        for (int i = 0; i < count; i++) {
            long offset = baseOffset + i;
            boolean tombstone = count == 50 && i == count - 1;
            builder.append(1_000 + offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                    tombstone ? null : ("v" + offset).getBytes(StandardCharsets.UTF_8), List.of(Header.of("h", Long.toString(offset))));
        }
        ByteBuf built = builder.build(-1, (short) -1, -1);
        ByteBuf copy = Unpooled.copiedBuffer(built);
        built.release();
        copy.setLong(0, baseOffset);
        return copy;
    }
}

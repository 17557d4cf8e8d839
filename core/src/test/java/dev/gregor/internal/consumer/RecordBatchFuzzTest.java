package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

import dev.gregor.Header;
import dev.gregor.ProtocolException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.protocol.DecoderInvariants;
import dev.gregor.internal.protocol.FuzzRate;
import dev.gregor.internal.protocol.Mutation;
import dev.gregor.internal.protocol.record.CompressionCodec;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the record-batch reader the way a consumer reads fetched records ({@link FetchedChunk}): each try takes,
 * for every compression codec, random valid batches written by our own {@link RecordBatchBuilder}, spoils them with a
 * {@link Mutation}, half the time rewrites the CRCs so that the spoiled bytes reach the record decoder, and reads every
 * record. Reading must succeed or fail with a {@link ProtocolException} naming the topic and partition, allocate at
 * most {@value #BYTES_PER_FRAME_BYTE} bytes per fetched byte plus {@value #CODEC_ALLOWANCE} for a codec's buffers,
 * and finish within a second. Cases per codec: {@code jqwik.tries.default}, set from {@code gregor.fuzz.tries}.
 */
class RecordBatchFuzzTest {

    static final int BYTES_PER_FRAME_BYTE = 64;
    static final int CODEC_ALLOWANCE = 1024 * 1024;
    private static final int SAMPLES_PER_CODEC = 8;
    private static final Map<CompressionCodec, List<byte[]>> VALID = validBatches();
    private static final FuzzRate RATE = new FuzzRate("record-batch reader codecs", CompressionCodec.values().length);
    private static final ThreadLocal<Boolean> WARM = ThreadLocal.withInitial(() -> false);

    @Property
    void everyCodecsRecordsReadOrFailWithAProtocolError(@ForAll long seed, @ForAll Mutation mutation) {
        if (!WARM.get()) {
            warmUp();
            WARM.set(true);
        }
        RATE.tried();
        Random random = new Random(seed);
        for (CompressionCodec codec : CompressionCodec.values()) {
            List<byte[]> samples = VALID.get(codec);
            byte[] fetched = mutation.apply(samples.get(random.nextInt(samples.size())), random);
            boolean fixCrcs = random.nextBoolean();
            if (fixCrcs) {
                rewriteCrcs(fetched);
            }
            boolean checkCrcs = random.nextBoolean();
            boolean readCommitted = random.nextBoolean();
            Supplier<String> what = () -> codec + " records (seed " + seed + ", " + mutation + (fixCrcs ? ", CRCs rewritten"
                    : "") + (checkCrcs ? ", CRCs checked" : "") + (readCommitted ? ", read_committed" : "") + ", "
                    + fetched.length + " bytes " + ByteBufUtil.hexDump(fetched) + ")";
            readOrReject(fetched, checkCrcs, readCommitted, what);
        }
    }

    @AfterContainer
    static void printRate() {
        RATE.print();
    }

    @Test
    void aHugeHeaderCountInATinyBatchFailsBeforeAllocating() {
        ByteBuf valid = batch(CompressionCodec.NONE, new Random(1));
        ByteBuf fetched = Unpooled.buffer().writeBytes(valid, 0, RecordBatchBuilder.HEADER_SIZE);
        valid.release();
        int huge = 50_000_000;
        writeVarint(fetched, huge);
        fetched.writeByte(0);
        writeVarint(fetched, 0);
        writeVarint(fetched, 0);
        writeVarint(fetched, -1);
        writeVarint(fetched, -1);
        writeVarint(fetched, huge);
        fetched.setInt(8, fetched.readableBytes() - 12);
        fetched.setInt(57, 1);
        byte[] bytes = ByteBufUtil.getBytes(fetched);
        fetched.release();
        rewriteCrcs(bytes);

        readOrReject(bytes, true, false, () -> "a record claiming " + huge + " bytes and headers in " + bytes.length
                + " bytes");
    }

    @Test
    void aBatchLengthNearTwoGibibytesIsACutShortBatchNotAnOverflow() {
        byte[] fetched = spoiled(CompressionCodec.NONE, 8, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE - 4).array());

        readOrReject(fetched, true, false, () -> "a batch length of 2^31 - 5");
        assertThatCode(() -> readAll(fetched, true, false)).doesNotThrowAnyException();
    }

    @Test
    void aSnappyChunkLengthLargerThanThePayloadFailsBeforeAllocatingIt() {
        byte[] fetched = spoiled(CompressionCodec.SNAPPY, RecordBatchBuilder.HEADER_SIZE + 16,
                ByteBuffer.allocate(4).putInt(1 << 28).array());

        readOrReject(fetched, true, false, () -> "a snappy chunk of 256 MiB");
        assertThatThrownBy(() -> readAll(fetched, true, false)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("topic 'fuzz' partition 3")
                .hasMessageContaining("SNAPPY payload does not decompress")
                .hasMessageContaining("only");
    }

    @Test
    void aNegativeSnappyChunkLengthIsAProtocolErrorNotASnappyError() {
        byte[] fetched = spoiled(CompressionCodec.SNAPPY, RecordBatchBuilder.HEADER_SIZE + 16,
                ByteBuffer.allocate(4).putInt(-1).array());

        assertThatThrownBy(() -> readAll(fetched, true, false)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("negative length -1");
    }

    @Test
    void aCorruptGzipPayloadIsAProtocolErrorNotAnUncheckedIoException() {
        byte[] fetched = spoiled(CompressionCodec.GZIP, RecordBatchBuilder.HEADER_SIZE + 2, new byte[] {7});

        assertThatThrownBy(() -> readAll(fetched, true, false)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("topic 'fuzz' partition 3")
                .hasMessageContaining("GZIP payload does not decompress");
    }

    /** One valid batch of {@code codec} with {@code bytes} written at {@code offset} and its CRC made to match. */
    private static byte[] spoiled(CompressionCodec codec, int offset, byte[] bytes) {
        ByteBuf batch = batch(codec, new Random(1));
        byte[] fetched = ByteBufUtil.getBytes(batch);
        batch.release();
        System.arraycopy(bytes, 0, fetched, offset, bytes.length);
        rewriteCrcs(fetched);
        return fetched;
    }

    private static void writeVarint(ByteBuf out, int value) {
        int zigZag = (value << 1) ^ (value >> 31);
        while ((zigZag & ~0x7f) != 0) {
            out.writeByte((zigZag & 0x7f) | 0x80);
            zigZag >>>= 7;
        }
        out.writeByte(zigZag);
    }

    /** Reads every record of {@code fetched} as a consumer does and checks the invariants. */
    static void readOrReject(byte[] fetched, boolean checkCrcs, boolean readCommitted, Supplier<String> what) {
        DecoderInvariants.check(() -> readAll(fetched, checkCrcs, readCommitted),
                failure -> failure instanceof ProtocolException && failure.getMessage().contains("topic 'fuzz' partition 3"),
                (long) BYTES_PER_FRAME_BYTE * fetched.length + CODEC_ALLOWANCE, what);
    }

    private static void readAll(byte[] fetched, boolean checkCrcs, boolean readCommitted) {
        ByteBuf records = Unpooled.wrappedBuffer(fetched);
        FetchedChunk chunk;
        try {
            chunk = new FetchedChunk(new TopicPartition("fuzz", 3), 0, 0, records, checkCrcs, readCommitted ? List.of() : null);
        } catch (RuntimeException e) {
            records.release();
            throw e;
        }
        try {
            while (chunk.next() != null) {
                // every record decoded, none kept
            }
        } finally {
            chunk.release();
        }
    }

    /** Gives every batch whose length still fits the buffer the CRC of its bytes, as a broker's corruption would. */
    static void rewriteCrcs(byte[] fetched) {
        ByteBuf bytes = Unpooled.wrappedBuffer(fetched);
        int start = 0;
        while (start + RecordBatchBuilder.HEADER_SIZE <= fetched.length) {
            int length = bytes.getInt(start + 8);
            if (length < RecordBatchBuilder.HEADER_SIZE - 12 || length > fetched.length - start - 12) {
                return;
            }
            CRC32C crc = new CRC32C();
            crc.update(fetched, start + 21, length + 12 - 21);
            bytes.setInt(start + 17, (int) crc.getValue());
            start += 12 + length;
        }
    }

    private static void warmUp() {
        Random random = new Random(7);
        VALID.forEach((codec, samples) -> {
            for (Mutation mutation : Mutation.values()) {
                for (int round = 0; round < 4; round++) {
                    byte[] fetched = mutation.apply(samples.get(0), random);
                    rewriteCrcs(fetched);
                    try {
                        readAll(fetched, round % 2 == 0, round > 1);
                    } catch (RuntimeException expected) {
                        expected.getMessage();
                    }
                }
            }
        });
    }

    private static Map<CompressionCodec, List<byte[]>> validBatches() {
        Map<CompressionCodec, List<byte[]>> valid = new EnumMap<>(CompressionCodec.class);
        Random random = new Random(13);
        for (CompressionCodec codec : CompressionCodec.values()) {
            List<byte[]> samples = new ArrayList<>();
            for (int i = 0; i < SAMPLES_PER_CODEC; i++) {
                ByteBuf fetched = Unpooled.buffer();
                long baseOffset = random.nextInt(1000);
                for (int batches = 1 + random.nextInt(2); batches > 0; batches--) {
                    ByteBuf batch = batch(codec, random);
                    batch.setLong(0, baseOffset);
                    baseOffset += batch.getInt(57);
                    fetched.writeBytes(batch);
                    batch.release();
                }
                samples.add(ByteBufUtil.getBytes(fetched));
                fetched.release();
            }
            valid.put(codec, samples);
        }
        return valid;
    }

    private static ByteBuf batch(CompressionCodec codec, Random random) {
        RecordBatchBuilder builder = new RecordBatchBuilder(UnpooledByteBufAllocator.DEFAULT, codec, 16 * 1024,
                random.nextBoolean());
        for (int records = 1 + random.nextInt(10); records > 0; records--) {
            List<Header> headers = new ArrayList<>();
            for (int h = random.nextInt(3); h > 0; h--) {
                headers.add(new Header("h" + h, random.nextBoolean() ? null : bytes(random)));
            }
            builder.append(1_000L + random.nextInt(1000), random.nextBoolean() ? null : bytes(random), bytes(random),
                    headers);
        }
        return builder.build(random.nextBoolean() ? -1 : random.nextInt(1000), (short) 0, 0);
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(40)];
        if (random.nextBoolean()) {
            random.nextBytes(bytes);
        } else {
            Arrays.fill(bytes, (byte) 'a');
        }
        return bytes;
    }
}

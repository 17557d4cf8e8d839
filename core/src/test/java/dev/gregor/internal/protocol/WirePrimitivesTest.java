package dev.gregor.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.internals.ByteUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WirePrimitivesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456,
            Integer.MAX_VALUE, -1, Integer.MIN_VALUE})
    void unsignedVarintsMatchKafka(int value) {
        ByteBuffer kafka = ByteBuffer.allocate(5);
        ByteUtils.writeUnsignedVarint(value, kafka);
        ByteBuf ours = Unpooled.buffer();

        WireWriter.writeUnsignedVarint(ours, value);

        assertThat(ByteBufUtil.getBytes(ours)).isEqualTo(Arrays.copyOf(kafka.array(), kafka.position()));
        assertThat(WireSize.unsignedVarint(value)).isEqualTo(ByteUtils.sizeOfUnsignedVarint(value));
        assertThat(WireReader.readUnsignedVarint(ours, "test")).isEqualTo(value);
        ours.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "été", "€ and 😀", "lone \ud800 surrogate"})
    void stringsAreWrittenAsJavaEncodesUtf8(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = Unpooled.buffer();

        WireWriter.writeString(out, value, false);

        assertThat(out.readableBytes()).isEqualTo(WireSize.string(value, false)).isEqualTo(2 + utf8.length);
        assertThat(out.readShort()).isEqualTo((short) utf8.length);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(utf8);
        out.release();
    }

    @Test
    void stringsLongerThanInt16AreRejected() {
        String tooLong = "x".repeat(WireWriter.MAX_STRING_BYTES + 1);

        ByteBuf out = Unpooled.buffer();

        assertThatThrownBy(() -> WireWriter.writeString(out, tooLong, true))
                .isInstanceOf(MessageEncodingException.class)
                .hasMessage("A string of 32768 bytes exceeds the limit of 32767");
        assertThat(out.isReadable()).isFalse();
        out.release();
    }

    @Test
    void nullsUseMinusOneOrCompactZero() {
        ByteBuf out = Unpooled.buffer();

        WireWriter.writeString(out, null, false);
        WireWriter.writeBytes(out, null, false);
        WireWriter.writeString(out, null, true);
        WireWriter.writeArrayLength(out, null, true);

        assertThat(ByteBufUtil.getBytes(out)).containsExactly(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0);
        assertThat(WireSize.string(null, false) + WireSize.bytes(null, false) + WireSize.string(null, true)
                + WireSize.arrayLength(null, true)).isEqualTo(8);
        out.release();
    }

    @Test
    void writingRecordsLeavesTheirIndexesAlone() {
        ByteBuf records = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ByteBuf out = Unpooled.buffer();

        WireWriter.writeRecords(out, records, true);

        assertThat(ByteBufUtil.getBytes(out)).containsExactly(4, 1, 2, 3);
        assertThat(records.readerIndex()).isZero();
        assertThat(WireSize.records(records, true)).isEqualTo(4);
        out.release();
        records.release();
    }

    @Test
    void readRecordsAreRetainedSlicesOfTheInput() {
        ByteBuf in = Unpooled.buffer().writeInt(2).writeBytes(new byte[] {7, 8});

        ByteBuf records = WireReader.readRecords(in, false, true, "test");

        assertThat(in.refCnt()).isEqualTo(2);
        assertThat(ByteBufUtil.getBytes(records)).containsExactly(7, 8);
        records.release();
        assertThat(in.refCnt()).isEqualTo(1);
        in.release();
    }
}

package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gregor.internal.protocol.MalformedMessageException;
import dev.gregor.internal.protocol.MessageReader;
import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.generator.MessageSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedInputTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void everyTruncationFailsWithMalformedMessageAndLeaksNothing(MessageSpec message, short version) {
        byte[] bytes = encode(message, version);
        MessageReader reader = GeneratedSchemas.reader(message);

        assertTimeoutPreemptively(QUICKLY, () -> {
            for (int length = 0; length < bytes.length; length++) {
                ByteBuf truncated = copyOf(bytes, length);
                Throwable failure = catchThrowable(() -> reader.read(truncated, version));

                assertThat(failure).as("reading %d of %d bytes", length, bytes.length)
                        .isInstanceOf(MalformedMessageException.class)
                        .hasMessageStartingWith("Malformed " + message.name());
                assertThat(truncated.refCnt()).as("records slices released").isEqualTo(1);
                truncated.release();
            }
        });
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void corruptBytesDecodeOrFailWithMalformedMessage(MessageSpec message, short version) {
        byte[] bytes = encode(message, version);
        assumeTrue(bytes.length > 0, "an empty encoding has nothing to corrupt");
        MessageReader reader = GeneratedSchemas.reader(message);
        Random random = new Random(version);

        assertTimeoutPreemptively(QUICKLY, () -> {
            for (int round = 0; round < 200; round++) {
                byte[] corrupt = bytes.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    // 0xff and 0x7f make lengths -1, huge, or runaway varints; others are plain noise.
                    byte[] garbage = {(byte) 0xff, 0x7f, (byte) 0x80, 0, (byte) random.nextInt()};
                    corrupt[random.nextInt(corrupt.length)] = garbage[random.nextInt(garbage.length)];
                }
                ByteBuf in = copyOf(corrupt, corrupt.length);
                try {
                    reader.read(in, version).release();
                } catch (MalformedMessageException expected) {
                    assertThat(expected).hasMessageStartingWith("Malformed " + message.name());
                }
                assertThat(in.refCnt()).as("records slices released").isEqualTo(1);
                in.release();
            }
        });
    }

    @Test
    void aHugeArrayCountFailsBeforeAllocating() {
        ByteBuf in = Unpooled.buffer().writeShort(0).writeInt(Integer.MAX_VALUE);

        assertThatThrownBy(() -> ApiVersionsResponse.read(in, (short) 0))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("Malformed ApiVersionsResponse.ApiKeys: length 2147483647 exceeds the 0 bytes left");
        in.release();
    }

    @Test
    void aNegativeStringLengthFails() {
        ByteBuf in = Unpooled.buffer().writeShort(-5);

        assertThatThrownBy(() -> SaslHandshakeRequest.read(in, (short) 1))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("Malformed SaslHandshakeRequest.Mechanism: negative length -5");
        in.release();
    }

    @Test
    void aNullInANonNullableFieldFails() {
        ByteBuf in = Unpooled.buffer().writeShort(-1);

        assertThatThrownBy(() -> SaslHandshakeRequest.read(in, (short) 1))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("SaslHandshakeRequest.Mechanism: null, but the field is not nullable");
        in.release();
    }

    @Test
    void aVarintLongerThanFiveBytesFails() {
        ByteBuf in = Unpooled.buffer().writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, 0x01});

        assertThatThrownBy(() -> SaslAuthenticateRequest.read(in, (short) 2))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("Malformed SaslAuthenticateRequest.AuthBytes: a varint runs past 5 bytes");
        in.release();
    }

    @Test
    void aCompactLengthBeyondIntRangeFails() {
        ByteBuf in = Unpooled.buffer().writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                0x0f});

        assertThatThrownBy(() -> SaslAuthenticateRequest.read(in, (short) 2))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("Malformed SaslAuthenticateRequest.AuthBytes: length 4294967294 is impossible");
        in.release();
    }

    @Test
    void aKnownTaggedFieldLongerThanItsDeclaredSizeFails() {
        // ApiVersionsResponse v3: error code, no api keys, throttle time, then tag 1 (an int64) declared as 1 byte.
        ByteBuf in = Unpooled.buffer().writeShort(0).writeByte(1).writeInt(0)
                .writeBytes(new byte[] {1, 1, 1}).writeLong(42);

        assertThatThrownBy(() -> ApiVersionsResponse.read(in, (short) 3))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("Malformed ApiVersionsResponse tagged fields: a tagged field's value is longer than its"
                        + " declared size");
        in.release();
    }

    @Test
    void unknownTaggedFieldsAreSkipped() {
        // ResponseHeader v1: correlation id, then tag 9 (unknown) with 3 bytes of value.
        ByteBuf in = Unpooled.buffer().writeInt(7).writeBytes(new byte[] {1, 9, 3, 1, 2, 3});

        ResponseHeader header = ResponseHeader.read(in, (short) 1);

        assertThat(header.correlationId()).isEqualTo(7);
        assertThat(in.isReadable()).isFalse();
        in.release();
    }

    private static byte[] encode(MessageSpec message, short version) {
        ProtocolMessage sample = SampleMessages.populated(message, version, 3L * version);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            sample.write(out, version);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
            sample.release();
        }
    }

    private static ByteBuf copyOf(byte[] bytes, int length) {
        return PooledByteBufAllocator.DEFAULT.buffer(Math.max(length, 1)).writeBytes(bytes, 0, length);
    }
}

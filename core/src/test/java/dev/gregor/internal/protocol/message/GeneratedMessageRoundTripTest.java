package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.generator.MessageSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratedMessageRoundTripTest {

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void writesExactlySizeBytesAndReadsBackAnEqualMessage(MessageSpec message, short version) {
        assertRoundTrip(message, version, SampleMessages.populated(message, version, version));
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void roundTripsNullsWhereTheVersionAllowsThem(MessageSpec message, short version) {
        assertRoundTrip(message, version, SampleMessages.populatedWithNulls(message, version, version));
    }

    private static void assertRoundTrip(MessageSpec spec, short version, ProtocolMessage original) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        ProtocolMessage decoded = null;
        try {
            int size = original.size(version);
            original.write(out, version);
            assertThat(out.readableBytes()).as("bytes written vs size()").isEqualTo(size);

            decoded = GeneratedSchemas.reader(spec).read(out, version);

            assertThat(out.isReadable()).as("every byte read").isFalse();
            assertThat(decoded).isEqualTo(original).hasSameHashCodeAs(original);
            assertThat(decoded.toString()).isEqualTo(original.toString());
        } finally {
            original.release();
            if (decoded != null) {
                decoded.release();
            }
            out.release();
        }
    }
}

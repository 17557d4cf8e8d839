package dev.gregor.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gregor.internal.protocol.ProtocolMessage;
import dev.gregor.internal.protocol.generator.MessageSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks our encoding against Kafka's own generated {@code *Data} classes: Kafka decodes our bytes and, encoding what
 * it decoded, produces the very same bytes, for every field of every version of every generated schema.
 */
class KafkaCompatibilityTest {

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void encodesEveryVersionLikeKafka(MessageSpec message, short version) {
        assertKafkaReencodesIdentically(message, version, SampleMessages.populated(message, version, 7L * version));
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void encodesNullsLikeKafka(MessageSpec message, short version) {
        assertKafkaReencodesIdentically(message, version,
                SampleMessages.populatedWithNulls(message, version, 11L * version));
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dev.gregor.internal.protocol.message.GeneratedSchemas#everyVersion")
    void encodesDefaultsLikeKafka(MessageSpec message, short version) throws ReflectiveOperationException {
        Message kafka = (Message) Class.forName(kafkaClassName(message)).getConstructor().newInstance();
        byte[] expected = kafkaBytes(kafka, version);

        ProtocolMessage ours = GeneratedSchemas.reader(message).read(Unpooled.wrappedBuffer(expected), version);

        assertThat(ours).isEqualTo(GeneratedSchemas.generatedClass(message, message.name())
                .getConstructor().newInstance());
        assertThat(ourBytes(ours, version)).isEqualTo(expected);
        ours.release();
    }

    private static void assertKafkaReencodesIdentically(MessageSpec message, short version, ProtocolMessage ours) {
        try {
            byte[] ourBytes = ourBytes(ours, version);

            Message kafka = kafkaRead(message, ourBytes, version);

            assertThat(kafkaBytes(kafka, version)).isEqualTo(ourBytes);
        } finally {
            ours.release();
        }
    }

    private static byte[] ourBytes(ProtocolMessage message, short version) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(message.size(version));
        try {
            message.write(out, version);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static Message kafkaRead(MessageSpec message, byte[] bytes, short version) {
        try {
            return (Message) Class.forName(kafkaClassName(message)).getConstructor(Readable.class, short.class)
                    .newInstance(new ByteBufferAccessor(ByteBuffer.wrap(bytes)), version);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Kafka could not read our " + message.name() + " v" + version, e);
        }
    }

    private static byte[] kafkaBytes(Message kafka, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(kafka.size(cache, version));
        kafka.write(new ByteBufferAccessor(buffer), cache, version);
        assertThat(buffer.hasRemaining()).as("Kafka fills exactly its size()").isFalse();
        return buffer.array();
    }

    private static String kafkaClassName(MessageSpec message) {
        // Kafka names "data" schemas' classes as the schema, and all others with a Data suffix.
        return "org.apache.kafka.common.message." + message.name() + (message.kind().equals("data") ? "" : "Data");
    }
}

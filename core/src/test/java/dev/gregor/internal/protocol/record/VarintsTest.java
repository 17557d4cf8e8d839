package dev.gregor.internal.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.internals.ByteUtils;

/** Record varints encode exactly as kafka-clients' do, whichever way they are written. */
class VarintsTest {

    @Property(tries = 2_000)
    void intsMatchKafka(@ForAll int value) {
        ByteBuffer kafka = ByteBuffer.allocate(5);
        ByteUtils.writeVarint(value, kafka);
        byte[] expected = Arrays.copyOf(kafka.array(), kafka.position());
        byte[] put = new byte[7];
        ByteBuf written = Unpooled.buffer();

        int end = Varints.putVarint(put, 2, value);
        Varints.writeVarint(written, value);

        assertThat(Arrays.copyOfRange(put, 2, end)).isEqualTo(expected);
        assertThat(ByteBufUtil.getBytes(written)).isEqualTo(expected);
        assertThat(Varints.sizeOfVarint(value)).isEqualTo(expected.length);
        written.release();
    }

    @Property(tries = 2_000)
    void longsMatchKafka(@ForAll long value) {
        ByteBuffer kafka = ByteBuffer.allocate(10);
        ByteUtils.writeVarlong(value, kafka);
        byte[] put = new byte[12];

        int end = Varints.putVarlong(put, 1, value);

        assertThat(Arrays.copyOfRange(put, 1, end)).isEqualTo(Arrays.copyOf(kafka.array(), kafka.position()));
        assertThat(Varints.sizeOfVarlong(value)).isEqualTo(kafka.position());
    }

    @Example
    void extremesTakeTheirFullWidth() {
        assertThat(Varints.putVarint(new byte[5], 0, Integer.MIN_VALUE)).isEqualTo(5);
        assertThat(Varints.putVarlong(new byte[10], 0, Long.MIN_VALUE)).isEqualTo(10);
        assertThat(Varints.putVarint(new byte[1], 0, -1)).isEqualTo(1);
    }
}

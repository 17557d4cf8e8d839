package dev.gregor.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Size-prefixed frames cut out of reads of any size, each byte copied at most once, nothing leaked. */
class ResponseFrameDecoderTest {

    @Property(tries = 300)
    void framesComeOutWholeAndInOrderHoweverTheReadsCutThem(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 3_000) Integer> frameSizes,
            @ForAll @IntRange(min = 1, max = 700) int readSize) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuf wire = Unpooled.buffer();
        for (int i = 0; i < frameSizes.size(); i++) {
            byte[] frame = new byte[frameSizes.get(i)];
            for (int b = 0; b < frame.length; b++) {
                frame[b] = (byte) (i * 31 + b);
            }
            frames.add(frame);
            wire.writeInt(frame.length).writeBytes(frame);
        }
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = channel(allocator, 10_000);
        List<ByteBuf> reads = new ArrayList<>();
        while (wire.isReadable()) {
            ByteBuf read = Unpooled.copiedBuffer(wire.readSlice(Math.min(readSize, wire.readableBytes())));
            reads.add(read);
            channel.writeInbound(read);
        }

        for (byte[] expected : frames) {
            ByteBuf frame = channel.readInbound();
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(expected);
            frame.release();
        }
        assertThat((Object) channel.readInbound()).as("no frame more than sent").isNull();
        assertThat(reads).as("every read released").allSatisfy(read -> assertThat(read.refCnt()).isZero());
        assertThat(allocator.allocated).as("a gathered frame's buffer is allocated at its size, once")
                .allSatisfy(allocation -> assertThat(allocation.maxCapacity()).isEqualTo(allocation.initialCapacity()));
        wire.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aLargeFrameInManyReadsIsGatheredIntoOneBufferOfItsSize() {
        int size = 1 << 20;
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = channel(allocator, 100 << 20);
        channel.writeInbound(Unpooled.buffer(4).writeInt(size));
        for (int sent = 0; sent < size; sent += 65_536) {
            channel.writeInbound(Unpooled.buffer(65_536).writeZero(65_536));
        }

        ByteBuf frame = channel.readInbound();
        assertThat(frame.readableBytes()).isEqualTo(size);
        assertThat(allocator.allocated).containsExactly(new Allocation(size, size));
        frame.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aPartlyReceivedFrameIsReleasedWhenTheConnectionCloses() {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = channel(allocator, 10_000);
        channel.writeInbound(Unpooled.buffer().writeInt(5_000).writeZero(100));

        channel.close();

        assertThat(allocator.buffers).hasSize(1).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void aFrameOverTheLimitOrOfNegativeSizeFailsTheConnectionAndWhatFollowsIsDropped() {
        EmbeddedChannel tooLong = channel(new RecordingAllocator(), 1_000);
        ByteBuf rest = Unpooled.buffer().writeInt(1_001).writeZero(20);
        assertThatThrownBy(() -> tooLong.writeInbound(rest))
                .isInstanceOf(TooLongFrameException.class).hasMessage("a frame of 1001 bytes, over the limit of 1000");
        assertThat(rest.refCnt()).isZero();
        tooLong.writeInbound(Unpooled.buffer().writeInt(4).writeInt(7));
        assertThat((Object) tooLong.readInbound()).isNull();

        EmbeddedChannel corrupt = channel(new RecordingAllocator(), 1_000);
        assertThatThrownBy(() -> corrupt.writeInbound(Unpooled.buffer().writeInt(-2)))
                .isInstanceOf(CorruptedFrameException.class).hasMessage("a frame announced -2 bytes");
        tooLong.finishAndReleaseAll();
        corrupt.finishAndReleaseAll();
    }

    private static EmbeddedChannel channel(ByteBufAllocator allocator, int maxFrameBytes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new ResponseFrameDecoder(maxFrameBytes));
        return channel;
    }

    /** The capacities a buffer was asked for. */
    private record Allocation(int initialCapacity, int maxCapacity) {
    }

    /** Notes every buffer it hands out. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {

        private final List<Allocation> allocated = new ArrayList<>();
        private final List<ByteBuf> buffers = new ArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return noted(Unpooled.buffer(initialCapacity, maxCapacity), initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return noted(Unpooled.directBuffer(initialCapacity, maxCapacity), initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private ByteBuf noted(ByteBuf buffer, int initialCapacity, int maxCapacity) {
            allocated.add(new Allocation(initialCapacity, maxCapacity));
            buffers.add(buffer);
            return buffer;
        }
    }
}

package dev.gregor.internal.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.gregor.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;

/**
 * A batch's record bytes, read front to back with the few reads the record format needs: the fetched buffer's own
 * memory (no copy), or the whole batch decompressed. Reads go through a {@link ByteBuffer} by absolute index, which
 * keeps the per-byte work to an index check (no buffer reference-count or stream call per byte). Every length read
 * off the wire is checked before use.
 */
final class RecordInput {

    private final ByteBuffer bytes;
    private final int limit;
    private int position;

    private RecordInput(ByteBuffer bytes) {
        this.bytes = bytes;
        this.position = bytes.position();
        this.limit = bytes.limit();
    }

    /** The readable bytes of {@code region}, read in place. */
    static RecordInput of(ByteBuf region) {
        return new RecordInput(region.nioBuffer());
    }

    /**
     * Everything {@code stream} decompresses to, read at once into one array that starts at {@code expectedBytes}
     * and doubles as needed; fails as malformed past {@code maxBytes} (a batch that claims to expand without bound).
     */
    static RecordInput decompressed(InputStream stream, int expectedBytes, int maxBytes) throws IOException {
        try (stream) {
            byte[] bytes = new byte[Math.max(1, Math.min(expectedBytes, maxBytes))];
            int length = 0;
            int read;
            while ((read = stream.read(bytes, length, bytes.length - length)) >= 0) {
                length += read;
                if (length == bytes.length) {
                    if (length == maxBytes) {
                        if (stream.read() >= 0) {
                            throw new MalformedMessageException("compressed record batch",
                                    "it decompresses to more than " + maxBytes + " bytes");
                        }
                        break;
                    }
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, 2L * length));
                }
            }
            return new RecordInput(ByteBuffer.wrap(bytes, 0, length));
        }
    }

    /** The bytes not read yet. */
    int remaining() {
        return limit - position;
    }

    byte readByte() {
        if (position >= limit) {
            throw endsInsideRecord();
        }
        return bytes.get(position++);
    }

    /** Reads a zig-zag varint of at most 5 bytes. */
    int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("record", "a varint longer than 5 bytes");
    }

    /** Reads a zig-zag varlong of at most 10 bytes. */
    long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException("record", "a varlong longer than 10 bytes");
    }

    /** Reads varint-length-prefixed bytes; -1 means null. {@code maxLength} bounds what a corrupt varint may claim. */
    byte[] readNullableBytes(int maxLength, String field) {
        int length = readVarint();
        if (length < 0) {
            return null;
        }
        if (length > maxLength) {
            throw new MalformedMessageException("record " + field, "length " + length + " exceeds the record's " + maxLength + " bytes");
        }
        if (limit - position < length) {
            throw endsInsideRecord();
        }
        byte[] copy = new byte[length];
        bytes.get(position, copy);
        position += length;
        return copy;
    }

    private static MalformedMessageException endsInsideRecord() {
        return new MalformedMessageException("record", "the batch ends inside a record");
    }
}

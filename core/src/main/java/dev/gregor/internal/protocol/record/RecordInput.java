package dev.gregor.internal.protocol.record;

import java.io.IOException;
import java.io.InputStream;

import dev.gregor.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * A batch's record bytes as one array, read front to back with the few reads the record format needs: the fetched
 * buffer's own array when it has one, else a copy of the batch, or the whole batch decompressed. Decoding from a
 * plain array keeps the per-byte work to an index check (no buffer reference-count or stream call per byte).
 * Every length read off the wire is checked before use.
 */
final class RecordInput {

    private final byte[] bytes;
    private final int limit;
    private int position;

    private RecordInput(byte[] bytes, int position, int limit) {
        this.bytes = bytes;
        this.position = position;
        this.limit = limit;
    }

    /** The readable bytes of {@code region}, without copying when the buffer is backed by an array. */
    static RecordInput of(ByteBuf region) {
        if (region.hasArray()) {
            int start = region.arrayOffset() + region.readerIndex();
            return new RecordInput(region.array(), start, start + region.readableBytes());
        }
        byte[] copy = ByteBufUtil.getBytes(region);
        return new RecordInput(copy, 0, copy.length);
    }

    /**
     * Everything {@code stream} decompresses to, read at once; fails as malformed past {@code maxBytes} (a batch that
     * claims to expand without bound).
     */
    static RecordInput decompressed(InputStream stream, int maxBytes) throws IOException {
        try (stream) {
            byte[] all = stream.readNBytes(maxBytes);
            if (stream.read() >= 0) {
                throw new MalformedMessageException("compressed record batch", "it decompresses to more than " + maxBytes + " bytes");
            }
            return new RecordInput(all, 0, all.length);
        }
    }

    byte readByte() {
        if (position >= limit) {
            throw endsInsideRecord();
        }
        return bytes[position++];
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
        System.arraycopy(bytes, position, copy, 0, length);
        position += length;
        return copy;
    }

    private static MalformedMessageException endsInsideRecord() {
        return new MalformedMessageException("record", "the batch ends inside a record");
    }
}

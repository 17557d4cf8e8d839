package dev.gregor.internal.protocol.record;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.gregor.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;

/**
 * Where a batch's records are read from: the fetched buffer itself for uncompressed batches, or a decompressing
 * stream, behind the few reads the record format needs. Every length read off the wire is checked before use.
 */
abstract class RecordInput implements AutoCloseable {

    abstract byte readByte();

    abstract void readFully(byte[] into);

    abstract void skip(int bytes);

    /** Reads a zig-zag varint of at most 5 bytes. */
    final int readVarint() {
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
    final long readVarlong() {
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

    /** Reads varint-length-prefixed bytes; -1 means null. {@code limit} bounds the length a corrupt varint may claim. */
    final byte[] readNullableBytes(int limit, String field) {
        int length = readVarint();
        if (length < 0) {
            return null;
        }
        if (length > limit) {
            throw new MalformedMessageException("record " + field, "length " + length + " exceeds the record's " + limit + " bytes");
        }
        byte[] bytes = new byte[length];
        readFully(bytes);
        return bytes;
    }

    @Override
    public void close() {
    }

    /** Reads straight from a buffer region. */
    static RecordInput of(ByteBuf buffer) {
        return new FromBuffer(buffer);
    }

    /** Reads from a decompressing stream. */
    static RecordInput of(InputStream stream) {
        return new FromStream(stream);
    }

    private static final class FromBuffer extends RecordInput {

        private final ByteBuf buffer;

        FromBuffer(ByteBuf buffer) {
            this.buffer = buffer;
        }

        @Override
        byte readByte() {
            if (!buffer.isReadable()) {
                throw new MalformedMessageException("record", "the batch ends inside a record");
            }
            return buffer.readByte();
        }

        @Override
        void readFully(byte[] into) {
            if (buffer.readableBytes() < into.length) {
                throw new MalformedMessageException("record", "the batch ends inside a record");
            }
            buffer.readBytes(into);
        }

        @Override
        void skip(int bytes) {
            if (bytes < 0 || buffer.readableBytes() < bytes) {
                throw new MalformedMessageException("record", "the batch ends inside a record");
            }
            buffer.skipBytes(bytes);
        }
    }

    private static final class FromStream extends RecordInput {

        private final InputStream stream;

        FromStream(InputStream stream) {
            this.stream = stream;
        }

        @Override
        byte readByte() {
            try {
                int b = stream.read();
                if (b < 0) {
                    throw new EOFException();
                }
                return (byte) b;
            } catch (EOFException e) {
                throw new MalformedMessageException("compressed record", "the decompressed data ends inside a record");
            } catch (IOException e) {
                throw new UncheckedIOException("Decompressing a record batch failed", e);
            }
        }

        @Override
        void readFully(byte[] into) {
            try {
                if (stream.readNBytes(into, 0, into.length) < into.length) {
                    throw new MalformedMessageException("compressed record", "the decompressed data ends inside a record");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Decompressing a record batch failed", e);
            }
        }

        @Override
        void skip(int bytes) {
            try {
                stream.skipNBytes(bytes);
            } catch (EOFException e) {
                throw new MalformedMessageException("compressed record", "the decompressed data ends inside a record");
            } catch (IOException e) {
                throw new UncheckedIOException("Decompressing a record batch failed", e);
            }
        }

        @Override
        public void close() {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing was written; closing only frees the codec's buffers
            }
        }
    }
}

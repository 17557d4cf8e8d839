package dev.gregor.internal.protocol.record;

import io.netty.buffer.ByteBuf;

/** Zig-zag varints as record fields use them: signed values in 1 to 5 (int) or 1 to 10 (long) bytes. */
public final class Varints {

    private Varints() {
    }

    /** Writes a signed int as a zig-zag varint. */
    public static void writeVarint(ByteBuf out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    /** Puts a signed int as a zig-zag varint into {@code out} at {@code at}; returns the index after it. */
    public static int putVarint(byte[] out, int at, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    /** Puts a signed long as a zig-zag varint into {@code out} at {@code at}; returns the index after it. */
    public static int putVarlong(byte[] out, int at, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0) {
            out[at++] = (byte) (((int) v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    /** The bytes {@link #writeVarint} takes for {@code value}. */
    public static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        return v == 0 ? 1 : (38 - Integer.numberOfLeadingZeros(v)) / 7;
    }

    /** The bytes {@link #writeVarlong} takes for {@code value}. */
    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        return v == 0 ? 1 : (70 - Long.numberOfLeadingZeros(v)) / 7;
    }
}

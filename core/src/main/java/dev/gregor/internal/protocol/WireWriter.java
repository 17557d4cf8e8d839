package dev.gregor.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.UUID;

/**
 * Writes the variable-length values of Kafka's protocol. Lengths are classic (int16 for strings, int32 otherwise,
 * -1 for null) or, in flexible versions, compact (unsigned varint of length + 1, 0 for null). Every method writes to
 * {@code out} without taking ownership of it.
 */
public final class WireWriter {

    /** The longest string Kafka's protocol allows, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = Short.MAX_VALUE;

    private WireWriter() {
    }

    /**
     * Writes an unsigned varint: seven bits per byte, low bits first, high bit set on all but the last byte.
     *
     * @param out where to write
     * @param value the value, read as unsigned
     */
    public static void writeUnsignedVarint(ByteBuf out, int value) {
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            out.writeByte((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    /**
     * Writes a string, or null, in UTF-8 after its length.
     *
     * @param out where to write
     * @param value the string, or null
     * @param compact whether the length is compact
     * @throws MessageEncodingException if the string is longer than {@link #MAX_STRING_BYTES}
     */
    public static void writeString(ByteBuf out, String value, boolean compact) {
        if (value == null) {
            writeLength(out, -1, compact, Short.BYTES);
            return;
        }
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > MAX_STRING_BYTES) {
            throw MessageEncodingException.tooLong("string", length, MAX_STRING_BYTES);
        }
        writeLength(out, length, compact, Short.BYTES);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    /**
     * Writes a byte array, or null, after its length.
     *
     * @param out where to write
     * @param value the bytes, or null
     * @param compact whether the length is compact
     */
    public static void writeBytes(ByteBuf out, byte[] value, boolean compact) {
        writeLength(out, value == null ? -1 : value.length, compact, Integer.BYTES);
        if (value != null) {
            out.writeBytes(value);
        }
    }

    /**
     * Writes the readable bytes of a records buffer, or null, after their length. The records buffer's indexes do
     * not move and it stays owned by the message holding it, so a message can be written more than once.
     *
     * @param out where to write
     * @param records the record batches, or null
     * @param compact whether the length is compact
     */
    public static void writeRecords(ByteBuf out, ByteBuf records, boolean compact) {
        writeLength(out, records == null ? -1 : records.readableBytes(), compact, Integer.BYTES);
        if (records != null) {
            out.writeBytes(records, records.readerIndex(), records.readableBytes());
        }
    }

    /**
     * Writes the element count of an array, or null; the caller writes the elements.
     *
     * @param out where to write
     * @param array the array, or null
     * @param compact whether the count is compact
     */
    public static void writeArrayLength(ByteBuf out, List<?> array, boolean compact) {
        writeLength(out, array == null ? -1 : array.size(), compact, Integer.BYTES);
    }

    /**
     * Writes a UUID as its most and then least significant 64 bits.
     *
     * @param out where to write
     * @param value the UUID
     */
    public static void writeUuid(ByteBuf out, UUID value) {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private static void writeLength(ByteBuf out, int length, boolean compact, int classicWidth) {
        if (compact) {
            writeUnsignedVarint(out, length + 1);
        } else if (classicWidth == Short.BYTES) {
            out.writeShort(length);
        } else {
            out.writeInt(length);
        }
    }
}

package dev.gregor.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/** The encoded sizes of the variable-length values {@link WireWriter} writes, byte for byte. */
public final class WireSize {

    private WireSize() {
    }

    /**
     * The size of an unsigned varint.
     *
     * @param value the value, read as unsigned
     * @return 1 to 5 bytes
     */
    public static int unsignedVarint(int value) {
        int bytes = 1;
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            bytes++;
            rest >>>= 7;
        }
        return bytes;
    }

    /**
     * The size of a string, or null, with its length.
     *
     * @param value the string, or null
     * @param compact whether the length is compact
     * @return the size in bytes
     */
    public static int string(String value, boolean compact) {
        int length = value == null ? -1 : ByteBufUtil.utf8Bytes(value);
        return length(length, compact, Short.BYTES) + Math.max(length, 0);
    }

    /**
     * The size of a byte array, or null, with its length.
     *
     * @param value the bytes, or null
     * @param compact whether the length is compact
     * @return the size in bytes
     */
    public static int bytes(byte[] value, boolean compact) {
        int length = value == null ? -1 : value.length;
        return length(length, compact, Integer.BYTES) + Math.max(length, 0);
    }

    /**
     * The size of a records buffer's readable bytes, or null, with their length.
     *
     * @param records the record batches, or null
     * @param compact whether the length is compact
     * @return the size in bytes
     */
    public static int records(ByteBuf records, boolean compact) {
        int length = records == null ? -1 : records.readableBytes();
        return length(length, compact, Integer.BYTES) + Math.max(length, 0);
    }

    /**
     * The size of an array's element count, without the elements.
     *
     * @param array the array, or null
     * @param compact whether the count is compact
     * @return the size in bytes
     */
    public static int arrayLength(List<?> array, boolean compact) {
        return length(array == null ? -1 : array.size(), compact, Integer.BYTES);
    }

    /**
     * The size of one entry of a tagged-field section: its tag, its value's size, and the value.
     *
     * @param tag the tag
     * @param valueSize the size of the encoded value
     * @return the size in bytes
     */
    public static int taggedField(int tag, int valueSize) {
        return unsignedVarint(tag) + unsignedVarint(valueSize) + valueSize;
    }

    private static int length(int length, boolean compact, int classicWidth) {
        return compact ? unsignedVarint(length + 1) : classicWidth;
    }
}

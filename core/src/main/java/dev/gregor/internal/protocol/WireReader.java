package dev.gregor.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads Kafka's protocol values with every length checked against the bytes left, so truncated or corrupt input
 * fails with a {@link MalformedMessageException} naming the field, never with an index error or a huge allocation.
 * Every method advances {@code in}'s reader index and leaves {@code in} owned by the caller.
 */
public final class WireReader {

    private static final int MAX_VARINT_BYTES = 5;

    private WireReader() {
    }

    /**
     * Reads a boolean byte.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return false for zero, true otherwise
     */
    public static boolean readBoolean(ByteBuf in, String field) {
        require(in, 1, field);
        return in.readByte() != 0;
    }

    /**
     * Reads a signed byte.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value
     */
    public static byte readInt8(ByteBuf in, String field) {
        require(in, Byte.BYTES, field);
        return in.readByte();
    }

    /**
     * Reads a big-endian signed 16-bit integer.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value
     */
    public static short readInt16(ByteBuf in, String field) {
        require(in, Short.BYTES, field);
        return in.readShort();
    }

    /**
     * Reads a big-endian unsigned 16-bit integer.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value, 0 to 65535
     */
    public static int readUint16(ByteBuf in, String field) {
        require(in, Short.BYTES, field);
        return in.readUnsignedShort();
    }

    /**
     * Reads a big-endian signed 32-bit integer.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value
     */
    public static int readInt32(ByteBuf in, String field) {
        require(in, Integer.BYTES, field);
        return in.readInt();
    }

    /**
     * Reads a big-endian unsigned 32-bit integer.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value, 0 to 2^32 - 1
     */
    public static long readUint32(ByteBuf in, String field) {
        require(in, Integer.BYTES, field);
        return in.readUnsignedInt();
    }

    /**
     * Reads a big-endian signed 64-bit integer.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value
     */
    public static long readInt64(ByteBuf in, String field) {
        require(in, Long.BYTES, field);
        return in.readLong();
    }

    /**
     * Reads a big-endian IEEE 754 double.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value
     */
    public static double readFloat64(ByteBuf in, String field) {
        require(in, Double.BYTES, field);
        return in.readDouble();
    }

    /**
     * Reads a UUID written as its most and then least significant 64 bits.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the UUID
     */
    public static UUID readUuid(ByteBuf in, String field) {
        require(in, 2 * Long.BYTES, field);
        return new UUID(in.readLong(), in.readLong());
    }

    /**
     * Reads an unsigned varint of at most five bytes.
     *
     * @param in the bytes
     * @param field the message and field, for errors
     * @return the value; values of 2^31 and above come back negative
     */
    public static int readUnsignedVarint(ByteBuf in, String field) {
        int value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            require(in, 1, field);
            byte next = in.readByte();
            value |= (next & 0x7f) << (7 * i);
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException(field, "a varint runs past " + MAX_VARINT_BYTES + " bytes");
    }

    /**
     * Reads a string after its length.
     *
     * @param in the bytes
     * @param compact whether the length is compact
     * @param nullable whether the version allows null
     * @param field the message and field, for errors
     * @return the string, or null if it was null and nullable
     */
    public static String readString(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = readLength(in, compact, Short.BYTES, nullable, field);
        if (length < 0) {
            return null;
        }
        if (length > WireWriter.MAX_STRING_BYTES) {
            throw new MalformedMessageException(field, "a string of " + length + " bytes is longer than allowed");
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /**
     * Reads a byte array after its length, copying the bytes.
     *
     * @param in the bytes
     * @param compact whether the length is compact
     * @param nullable whether the version allows null
     * @param field the message and field, for errors
     * @return the bytes, or null if they were null and nullable
     */
    public static byte[] readBytes(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = readLength(in, compact, Integer.BYTES, nullable, field);
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readBytes(value);
        return value;
    }

    /**
     * Reads record batches after their length, without copying them.
     *
     * @param in the bytes
     * @param compact whether the length is compact
     * @param nullable whether the version allows null
     * @param field the message and field, for errors
     * @return a retained slice of {@code in} that the caller must release once, or null if it was null and nullable
     */
    public static ByteBuf readRecords(ByteBuf in, boolean compact, boolean nullable, String field) {
        int length = readLength(in, compact, Integer.BYTES, nullable, field);
        return length < 0 ? null : in.readRetainedSlice(length);
    }

    /**
     * Reads an array's element count. It never exceeds the bytes left, as every element takes at least one byte.
     *
     * @param in the bytes
     * @param compact whether the count is compact
     * @param nullable whether the version allows null
     * @param field the message and field, for errors
     * @return the count, or -1 if the array was null and nullable
     */
    public static int readArrayLength(ByteBuf in, boolean compact, boolean nullable, String field) {
        return readLength(in, compact, Integer.BYTES, nullable, field);
    }

    /**
     * Reads the number of entries in a tagged-field section.
     *
     * @param in the bytes
     * @param owner the message and struct, for errors
     * @return the count, at most the bytes left
     */
    public static int readTaggedFieldCount(ByteBuf in, String owner) {
        int count = readUnsignedVarint(in, owner);
        if (count < 0 || count > in.readableBytes()) {
            throw new MalformedMessageException(owner, "there cannot be " + Integer.toUnsignedString(count)
                    + " tagged fields in " + in.readableBytes() + " bytes");
        }
        return count;
    }

    /**
     * Reads a tagged field's size, after its tag.
     *
     * @param in the bytes
     * @param owner the message and struct, for errors
     * @return the reader index at which the field's value ends
     */
    public static int readTaggedFieldEnd(ByteBuf in, String owner) {
        int size = readUnsignedVarint(in, owner);
        checkLength(in, size, owner);
        return in.readerIndex() + size;
    }

    /**
     * Moves past the rest of a tagged field's value: all of an unknown one, none of a known one read in full.
     *
     * @param in the bytes
     * @param end the reader index at which the field ends, from {@link #readTaggedFieldEnd}
     * @param owner the message and struct, for errors
     */
    public static void skipToTaggedFieldEnd(ByteBuf in, int end, String owner) {
        if (in.readerIndex() > end) {
            throw new MalformedMessageException(owner, "a tagged field's value is longer than its declared size");
        }
        in.readerIndex(end);
    }

    private static int readLength(ByteBuf in, boolean compact, int classicWidth, boolean nullable, String field) {
        int length;
        if (compact) {
            int lengthPlusOne = readUnsignedVarint(in, field);
            if (lengthPlusOne < 0) {
                throw new MalformedMessageException(field, "length " + Integer.toUnsignedString(lengthPlusOne - 1)
                        + " is impossible");
            }
            length = lengthPlusOne - 1;
        } else {
            length = classicWidth == Short.BYTES ? readInt16(in, field) : readInt32(in, field);
        }
        if (length == -1) {
            if (!nullable) {
                throw new MalformedMessageException(field, "null, but the field is not nullable in this version");
            }
            return -1;
        }
        checkLength(in, length, field);
        return length;
    }

    private static void checkLength(ByteBuf in, int length, String field) {
        if (length < 0) {
            throw new MalformedMessageException(field, "negative length " + length);
        }
        if (length > in.readableBytes()) {
            throw new MalformedMessageException(field, "length " + length + " exceeds the " + in.readableBytes()
                    + " bytes left");
        }
    }

    private static void require(ByteBuf in, int bytes, String field) {
        if (in.readableBytes() < bytes) {
            throw new MalformedMessageException(field, "needs " + bytes + " bytes but only " + in.readableBytes()
                    + " are left");
        }
    }
}

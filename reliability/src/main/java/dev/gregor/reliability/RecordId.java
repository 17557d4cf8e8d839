package dev.gregor.reliability;

import java.nio.ByteBuffer;

/**
 * The identity a chaos test writes into each record value: which writer sent it and its sequence number within
 * that writer, unique for the whole run, so the audit can tell a lost record from a duplicated or reordered one.
 * Encoded as 16 bytes (writer, sequence), followed by {@code padding} filler bytes when a test wants bigger records.
 *
 * @param writer   the writer (a producer, or a pipeline stage) that made the record
 * @param sequence the writer's own counter, from 0, in the order it sent
 */
public record RecordId(long writer, long sequence) {

    private static final int SIZE = 16;

    /** The record value: this id, then {@code padding} zero bytes. */
    public byte[] encode(int padding) {
        return ByteBuffer.allocate(SIZE + padding).putLong(writer).putLong(sequence).array();
    }

    /** The id at the start of {@code value}; fails if the value is not one a chaos writer made. */
    public static RecordId decode(byte[] value) {
        if (value == null || value.length < SIZE) {
            throw new IllegalArgumentException("Not a chaos record value: "
                    + (value == null ? "null" : value.length + " bytes"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new RecordId(buffer.getLong(), buffer.getLong());
    }

    @Override
    public String toString() {
        return writer + "/" + sequence;
    }
}

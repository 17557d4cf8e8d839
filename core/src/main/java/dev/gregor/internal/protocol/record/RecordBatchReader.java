package dev.gregor.internal.protocol.record;

import dev.gregor.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;

/**
 * Walks the record batches of a fetched records buffer without copying it. A fetch response may end with a batch
 * cut short by the broker's size limit; the walk stops cleanly before it. Older message formats (magic 0 and 1,
 * gone since Kafka 4) are refused with a clear error.
 */
public final class RecordBatchReader {

    private static final int LENGTH_PREFIX = 12;
    private static final int MAGIC_OFFSET = 16;

    private final ByteBuf records;

    /** Reads {@code records} from its reader index on; the caller keeps owning it and keeps it alive meanwhile. */
    public RecordBatchReader(ByteBuf records) {
        this.records = records.duplicate();
    }

    /** Whether a whole batch follows. */
    public boolean hasNext() {
        if (records.readableBytes() < RecordBatchBuilder.HEADER_SIZE) {
            return false;
        }
        int length = records.getInt(records.readerIndex() + 8);
        // Subtracting keeps a length near Integer.MAX_VALUE from overflowing into "fits".
        return length >= 0 && records.readableBytes() - LENGTH_PREFIX >= length;
    }

    /** The next whole batch. */
    public RecordBatchView next() {
        if (!hasNext()) {
            throw new MalformedMessageException("records", "no whole batch follows");
        }
        int start = records.readerIndex();
        int length = records.getInt(start + 8);
        byte magic = records.getByte(start + MAGIC_OFFSET);
        if (magic != 2) {
            throw new MalformedMessageException("record batch at offset " + records.getLong(start), "message format"
                    + " version (magic) " + magic + "; Gregor reads only RecordBatch v2 (Kafka 0.11 and newer brokers"
                    + " write it; older formats must be converted by the broker)");
        }
        if (length < RecordBatchBuilder.HEADER_SIZE - LENGTH_PREFIX) {
            throw new MalformedMessageException("record batch at offset " + records.getLong(start), "batch length " + length);
        }
        ByteBuf batch = records.slice(start, LENGTH_PREFIX + length);
        records.skipBytes(LENGTH_PREFIX + length);
        return new RecordBatchView(batch);
    }
}

package dev.gregor.internal.protocol.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;

import dev.gregor.Header;
import dev.gregor.Message;
import dev.gregor.internal.protocol.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import org.xerial.snappy.SnappyError;

/**
 * One RecordBatch (magic 2) inside a fetched buffer: its header is read at once, its records only when iterated
 * (decompressing as they are read). A view: valid while the buffer it reads from is.
 */
public final class RecordBatchView {

    private static final int TIMESTAMP_TYPE_FLAG = 0x08;
    private static final int TRANSACTIONAL_FLAG = 0x10;
    private static final int CONTROL_FLAG = 0x20;

    private final ByteBuf batch;
    private final long baseOffset;
    private final int attributes;
    private final int lastOffsetDelta;
    private final long baseTimestamp;
    private final long maxTimestamp;
    private final long producerId;
    private final int count;

    /** Reads the header of the batch that {@code batch} holds exactly. */
    RecordBatchView(ByteBuf batch) {
        this.batch = batch;
        int start = batch.readerIndex();
        this.baseOffset = batch.getLong(start);
        this.attributes = batch.getShort(start + 21);
        this.lastOffsetDelta = batch.getInt(start + 23);
        this.baseTimestamp = batch.getLong(start + 27);
        this.maxTimestamp = batch.getLong(start + 35);
        this.producerId = batch.getLong(start + 43);
        this.count = batch.getInt(start + 57);
        if (count < 0 || lastOffsetDelta < 0) {
            throw new MalformedMessageException("record batch at offset " + baseOffset,
                    "negative record count " + count + " or offset delta " + lastOffsetDelta);
        }
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** The offset of the batch's last record (also after compaction removed records). */
    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    /** The batch's size on the wire: all of it, from its base offset field to its last record. */
    public int sizeInBytes() {
        return batch.readableBytes();
    }

    public int recordCount() {
        return count;
    }

    public long producerId() {
        return producerId;
    }

    public boolean isTransactional() {
        return (attributes & TRANSACTIONAL_FLAG) != 0;
    }

    /** Whether the batch holds transaction markers rather than data. */
    public boolean isControl() {
        return (attributes & CONTROL_FLAG) != 0;
    }

    public boolean usesLogAppendTime() {
        return (attributes & TIMESTAMP_TYPE_FLAG) != 0;
    }

    /** The batch's codec; fails clearly for an id Kafka does not define. */
    public CompressionCodec codec() {
        CompressionCodec codec = CompressionCodec.forId(attributes & 0x07);
        if (codec == null) {
            throw new MalformedMessageException("record batch at offset " + baseOffset, "unknown compression id " + (attributes & 0x07));
        }
        return codec;
    }

    /** Whether the stored CRC32C matches the batch's bytes. */
    public boolean isValid() {
        int start = batch.readerIndex();
        CRC32C crc = new CRC32C();
        crc.update(batch.nioBuffer(start + 21, batch.readableBytes() - 21));
        return (int) crc.getValue() == batch.getInt(start + 17);
    }

    /** For a control batch: whether its marker commits (true) or aborts (false) the producer's transaction. */
    public boolean isCommitMarker() {
        RecordInput input = input();
        input.readVarint();
        input.readByte();
        input.readVarlong();
        input.readVarint();
        byte[] key = input.readNullableBytes(batch.readableBytes(), "control key");
        if (key == null || key.length < 4) {
            throw new MalformedMessageException("control record at offset " + baseOffset, "its key is missing");
        }
        return ((key[2] << 8) | (key[3] & 0xff)) == 1;
    }

    /**
     * The batch's records from {@code fromOffset} on, decoded one at a time as {@link Message}s of
     * {@code topic}/{@code partition}. Records before {@code fromOffset} (a batch may start before the offset a
     * fetch asked for) are skipped.
     */
    public RecordIterator records(String topic, int partition, long fromOffset) {
        return new RecordIterator(topic, partition, fromOffset);
    }

    /** The most bytes a batch's records may take once decompressed: 64 times its size, at least 64 MiB. */
    private int decompressedLimit() {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(batch.readableBytes(), 1L << 20) * 64);
    }

    /** A first guess at the decompressed size, so that most batches need one array and no copy. */
    private static int expectedDecompressedSize(int compressedBytes) {
        return (int) Math.min(1 << 24, Math.max(64 * 1024, 4L * compressedBytes));
    }

    private RecordInput input() {
        ByteBuf records = batch.slice(batch.readerIndex() + RecordBatchBuilder.HEADER_SIZE,
                batch.readableBytes() - RecordBatchBuilder.HEADER_SIZE);
        CompressionCodec codec = codec();
        if (codec == CompressionCodec.NONE) {
            return RecordInput.of(records);
        }
        try {
            return RecordInput.decompressed(codec.decompressing(new ByteBufInputStream(records)),
                    expectedDecompressedSize(records.readableBytes()), decompressedLimit());
        } catch (MalformedMessageException e) {
            throw e;
        } catch (IOException | RuntimeException | SnappyError e) {
            // The codec libraries report corrupt input as IOExceptions, their own runtime exceptions, and (snappy) an Error.
            throw new MalformedMessageException("record batch at offset " + baseOffset, "its " + codec
                    + " payload does not decompress (" + e + ")", e);
        }
    }

    /** Decodes a batch's records one at a time (a compressed batch is decompressed whole when iteration starts). */
    public final class RecordIterator {

        private final String topic;
        private final int partition;
        private final long fromOffset;
        private final RecordInput input;
        private int read;
        private Message next;

        private RecordIterator(String topic, int partition, long fromOffset) {
            this.topic = topic;
            this.partition = partition;
            this.fromOffset = fromOffset;
            this.input = input();
        }

        /** Whether another record at or after the start offset follows. */
        public boolean hasNext() {
            while (next == null && read < count) {
                Message decoded = decodeOne();
                read++;
                if (decoded.offset() >= fromOffset) {
                    next = decoded;
                }
            }
            return next != null;
        }

        /** The next record. */
        public Message next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Message current = next;
            next = null;
            return current;
        }

        private Message decodeOne() {
            int length = input.readVarint();
            // Bounded by the bytes left, so that a corrupt length cannot let a header count allocate beyond them.
            if (length < 0 || length > input.remaining()) {
                throw new MalformedMessageException("record in batch at offset " + baseOffset, "impossible length " + length);
            }
            input.readByte();
            long timestampDelta = input.readVarlong();
            int offsetDelta = input.readVarint();
            byte[] key = input.readNullableBytes(length, "key");
            byte[] value = input.readNullableBytes(length, "value");
            int headerCount = input.readVarint();
            if (headerCount < 0 || headerCount > length) {
                throw new MalformedMessageException("record in batch at offset " + baseOffset, "impossible header count " + headerCount);
            }
            List<Header> headers = headerCount == 0 ? List.of() : new ArrayList<>(headerCount);
            for (int i = 0; i < headerCount; i++) {
                byte[] headerKey = input.readNullableBytes(length, "header key");
                if (headerKey == null) {
                    throw new MalformedMessageException("record in batch at offset " + baseOffset, "a header without a key");
                }
                headers.add(new Header(new String(headerKey, StandardCharsets.UTF_8), input.readNullableBytes(length, "header value")));
            }
            long timestamp = usesLogAppendTime() ? maxTimestamp : baseTimestamp + timestampDelta;
            return new Message(topic, partition, baseOffset + offsetDelta, timestamp, key, value, headers);
        }
    }
}

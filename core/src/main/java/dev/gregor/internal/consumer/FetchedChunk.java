package dev.gregor.internal.consumer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gregor.Message;
import dev.gregor.ProtocolException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.RecordChunk;
import dev.gregor.internal.protocol.MalformedMessageException;
import dev.gregor.internal.protocol.record.RecordBatchReader;
import dev.gregor.internal.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;

/**
 * The records one fetch returned for one partition, kept as the fetched bytes and decoded only as the application
 * consumes them, in the consuming thread. Skips what a consumer must not see: records before the offset asked for,
 * transaction markers, and (read_committed) the batches of aborted transactions. Owns its buffer until
 * {@link #release()}.
 */
final class FetchedChunk implements RecordChunk {

    /** A transaction the broker reported as aborted: its producer and first offset. */
    record AbortedTransaction(long producerId, long firstOffset) {
    }

    private final TopicPartition partition;
    private final long generation;
    private final long fetchOffset;
    private final ByteBuf records;
    private final boolean checkCrcs;
    private final List<AbortedTransaction> aborted;
    private final Set<Long> abortedProducers = new HashSet<>();
    private final RecordBatchReader batches;
    private final int recordCount;
    private final int byteCount;
    private final long nextFetchOffset;
    private RecordBatchView.RecordIterator current;
    private int abortedIndex;

    /**
     * A chunk of {@code records} (ownership passes to the chunk) fetched from {@code fetchOffset} in
     * {@code generation} of its partition's position; {@code aborted} is null unless reading committed.
     */
    FetchedChunk(TopicPartition partition, long generation, long fetchOffset, ByteBuf records, boolean checkCrcs,
                 List<AbortedTransaction> aborted) {
        this.partition = partition;
        this.generation = generation;
        this.fetchOffset = fetchOffset;
        this.records = records;
        this.checkCrcs = checkCrcs;
        this.aborted = aborted == null ? null : sorted(aborted);
        this.batches = new RecordBatchReader(records);
        int count = 0;
        int bytes = 0;
        long next = fetchOffset;
        RecordBatchReader scan = new RecordBatchReader(records);
        try {
            while (scan.hasNext()) {
                RecordBatchView batch = scan.next();
                count += batch.recordCount();
                bytes += batch.sizeInBytes();
                next = Math.max(next, batch.lastOffset() + 1);
            }
        } catch (MalformedMessageException e) {
            throw unreadable(e);
        }
        this.recordCount = count;
        this.byteCount = bytes;
        this.nextFetchOffset = next;
    }

    @Override
    public TopicPartition partition() {
        return partition;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public int recordCount() {
        return recordCount;
    }

    /** The bytes of the chunk's whole batches (a batch cut short at the end of the response not counted). */
    int byteCount() {
        return byteCount;
    }

    /** Where the next fetch for the partition starts too: after the chunk's last whole batch. */
    @Override
    public long endOffset() {
        return nextFetchOffset;
    }

    @Override
    public Message next() {
        try {
            return nextVisible();
        } catch (MalformedMessageException e) {
            throw unreadable(e);
        }
    }

    private ProtocolException unreadable(MalformedMessageException e) {
        return new ProtocolException("The records fetched from offset " + fetchOffset + " of topic '" + partition.topic()
                + "' partition " + partition.partition() + " cannot be read (" + e.getMessage() + "): the broker sent corrupt data",
                e);
    }

    private Message nextVisible() {
        while (true) {
            if (current != null && current.hasNext()) {
                return current.next();
            }
            if (!batches.hasNext()) {
                return null;
            }
            RecordBatchView batch = batches.next();
            if (checkCrcs && !batch.isValid()) {
                throw new ProtocolException("The record batch at offset " + batch.baseOffset() + " of topic '"
                        + partition.topic() + "' partition " + partition.partition() + " fails its CRC check: the data is corrupt", null);
            }
            current = visible(batch) ? batch.records(partition.topic(), partition.partition(), fetchOffset) : null;
        }
    }

    private boolean visible(RecordBatchView batch) {
        if (aborted != null) {
            while (abortedIndex < aborted.size() && aborted.get(abortedIndex).firstOffset() <= batch.lastOffset()) {
                abortedProducers.add(aborted.get(abortedIndex++).producerId());
            }
            if (batch.isControl()) {
                if (!batch.isCommitMarker()) {
                    abortedProducers.remove(batch.producerId());
                }
                return false;
            }
            if (batch.isTransactional() && abortedProducers.contains(batch.producerId())) {
                return false;
            }
        }
        return !batch.isControl();
    }

    @Override
    public void release() {
        records.release();
    }

    private static List<AbortedTransaction> sorted(List<AbortedTransaction> aborted) {
        List<AbortedTransaction> copy = new ArrayList<>(aborted);
        copy.sort(Comparator.comparingLong(AbortedTransaction::firstOffset));
        return copy;
    }
}

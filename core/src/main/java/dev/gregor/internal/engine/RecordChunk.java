package dev.gregor.internal.engine;

import dev.gregor.Message;
import dev.gregor.TopicPartition;

/** Records of one partition fetched together, handed out one by one; owned by the consumer until released. */
public interface RecordChunk {

    /** The partition, with its topic. */
    TopicPartition partition();

    /** The generation of the partition's position it was fetched in. */
    long generation();

    /** How many records it holds (an upper bound of what it yields), for prefetch accounting. */
    int recordCount();

    /**
     * The offset after the chunk's last record, transaction marker or skipped batch: where the partition's position
     * stands once the chunk is used up (a transaction's commit marker has an offset of its own, after its records).
     */
    long endOffset();

    /** The next message, or null when the chunk is used up. */
    Message next();

    /** Frees what the chunk holds. */
    void release();
}

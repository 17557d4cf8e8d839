package dev.gregor.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gregor.KafkaException;
import dev.gregor.TopicPartition;

/**
 * Where a consumer's records come from: fetches the partitions it holds, of any topics, from their positions ahead
 * of the application, in chunks handed out in order per partition. Positions change only through {@link #assign}
 * and {@link #seek}; each change starts a new generation, and chunks of an older one are stale. Thread-safe.
 * {@code FetchPipeline} is Gregor's own; a second backend brings another.
 */
public interface RecordSource {

    /** Starts fetching. */
    void start();

    /** Adds partitions (or moves held ones), each fetched from the offset it maps to. */
    void assign(Map<TopicPartition, Long> start);

    /** Stops fetching partitions; their fetched records are dropped unread. */
    void revoke(Set<TopicPartition> revoked);

    /** The partitions being fetched, in order (by topic, then id). */
    List<TopicPartition> partitions();

    /** The next fetched chunk, waiting up to {@code nanos}; null if none came. */
    RecordChunk poll(long nanos) throws InterruptedException;

    /** A failure the consumer must see (an offset out of range with no reset policy, a refused authorization). */
    KafkaException failure();

    /** Whether a chunk still belongs to its partition's current position. */
    boolean isCurrent(RecordChunk chunk);

    /** The consumer is done with a chunk: frees it and makes room for more of its partition. */
    void consumed(RecordChunk chunk);

    /** Moves a partition to {@code offset}: chunks fetched before are stale, fetching restarts there. */
    void seek(TopicPartition partition, long offset);

    /** The partition's high watermark from the latest fetch, or -1 if not known yet. */
    long highWatermark(TopicPartition partition);

    /** Stops fetching and frees every queued chunk. */
    void close();
}

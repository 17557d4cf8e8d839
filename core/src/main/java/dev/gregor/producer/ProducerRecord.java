package dev.gregor.producer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.Header;

/**
 * One record to produce: a value (may be {@code null}: a tombstone), an optional partition key, headers, an
 * optional timestamp (default: when it is produced) and an optional explicit partition (default: the partitioner's
 * choice). Immutable; build with {@link #of(byte[])} and the {@code with…} methods.
 *
 * @param value     the value bytes, or {@code null}
 * @param key       the partition key bytes, or {@code null}
 * @param headers   the headers, in order
 * @param timestamp create time in epoch milliseconds, or -1 for "now"
 * @param partition the partition to write to, or -1 to let the partitioner choose
 */
public record ProducerRecord(byte[] value, byte[] key, List<Header> headers, long timestamp, int partition) {

    /** Copies the headers so the record stays immutable. */
    public ProducerRecord {
        headers = headers.isEmpty() ? List.of() : List.copyOf(headers);
    }

    /** A record with this value, no key, no headers. */
    public static ProducerRecord of(byte[] value) {
        return new ProducerRecord(value, null, List.of(), -1, -1);
    }

    /** A record with this UTF-8 string value. */
    public static ProducerRecord of(String value) {
        return of(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** This record with a partition key. */
    public ProducerRecord withKey(byte[] newKey) {
        return new ProducerRecord(value, newKey, headers, timestamp, partition);
    }

    /** This record with a UTF-8 string partition key. */
    public ProducerRecord withKey(String newKey) {
        return withKey(newKey == null ? null : newKey.getBytes(StandardCharsets.UTF_8));
    }

    /** This record with one more header. */
    public ProducerRecord withHeader(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new ProducerRecord(value, key, more, timestamp, partition);
    }

    /** This record with an explicit create timestamp in epoch milliseconds. */
    public ProducerRecord withTimestamp(long epochMillis) {
        return new ProducerRecord(value, key, headers, epochMillis, partition);
    }

    /** This record bound for a given partition, bypassing the partitioner. */
    public ProducerRecord withPartition(int partitionId) {
        return new ProducerRecord(value, key, headers, timestamp, partitionId);
    }

    /**
     * The key and value as sizes, with their first bytes quoted when they are printable text, the header names, and
     * the timestamp and partition when set: never the whole of a large value.
     */
    @Override
    public String toString() {
        return "ProducerRecord[key=" + BytesPreview.of(key) + ", value=" + BytesPreview.of(value)
                + (headers.isEmpty() ? "" : ", headers=" + headers.stream().map(Header::key).toList())
                + (timestamp >= 0 ? ", timestamp=" + timestamp : "")
                + (partition >= 0 ? ", partition=" + partition : "") + "]";
    }
}

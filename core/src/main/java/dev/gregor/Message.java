package dev.gregor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * A consumed record: where it was (topic, partition, offset), when (its timestamp), and what (value, partition key,
 * headers). Values are copies made once when the record was decoded; nobody else holds them.
 *
 * @param topic        the topic
 * @param partitionId  the partition
 * @param offset       the record's offset in the partition
 * @param timestamp    create time, or the broker's append time if the topic uses it (epoch milliseconds)
 * @param partitionKey the key, or {@code null}
 * @param value        the value, or {@code null} (a tombstone)
 * @param headers      the headers in order
 */
public record Message(String topic, int partitionId, long offset, long timestamp, byte[] partitionKey, byte[] value,
                      List<Header> headers) {

    /** The value decoded as UTF-8, or {@code null}. */
    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The key decoded as UTF-8, or {@code null}. */
    public String keyAsString() {
        return partitionKey == null ? null : new String(partitionKey, StandardCharsets.UTF_8);
    }

    /** The value turned into a {@code T} by {@code deserializer} (which receives {@code null} for a tombstone). */
    public <T> T value(Function<byte[], T> deserializer) {
        return deserializer.apply(value);
    }

    /** The last header named {@code key}, or {@code null}. */
    public Header header(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Message[" + topic + "-" + partitionId + "@" + offset + ", " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}

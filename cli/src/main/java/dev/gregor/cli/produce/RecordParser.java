package dev.gregor.cli.produce;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.gregor.Header;
import dev.gregor.producer.ProducerRecord;

/**
 * Turns one input line into a record, as kcat -P does: the key before the first key delimiter (if one is set and the
 * line has it), the value after it; the same headers on every record; an empty key or value sent as null when asked.
 */
final class RecordParser {

    private final byte[] keyDelimiter;
    private final List<Header> headers;
    private final int partition;
    private final boolean emptyAsNull;

    /**
     * @param keyDelimiter where the key ends, or null for records without keys
     * @param headers      the headers of every record
     * @param partition    the partition to write to, or -1 for the partitioner's choice
     * @param emptyAsNull  whether an empty key or value is sent as null (a value: a tombstone)
     */
    RecordParser(String keyDelimiter, List<Header> headers, int partition, boolean emptyAsNull) {
        this.keyDelimiter = keyDelimiter == null ? null : keyDelimiter.getBytes(StandardCharsets.UTF_8);
        this.headers = List.copyOf(headers);
        this.partition = partition;
        this.emptyAsNull = emptyAsNull;
    }

    ProducerRecord parse(byte[] line) {
        byte[] key = null;
        byte[] value = line;
        int split = keyDelimiter == null ? -1 : indexOf(line, keyDelimiter);
        if (split >= 0) {
            key = Arrays.copyOfRange(line, 0, split);
            value = Arrays.copyOfRange(line, split + keyDelimiter.length, line.length);
        }
        return new ProducerRecord(nullIfEmpty(value), nullIfEmpty(key), headers, -1, partition);
    }

    private byte[] nullIfEmpty(byte[] bytes) {
        return emptyAsNull && bytes != null && bytes.length == 0 ? null : bytes;
    }

    private static int indexOf(byte[] line, byte[] delimiter) {
        outer:
        for (int i = 0; i + delimiter.length <= line.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (line[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.gregor.backend.kafkaclients.internal;

import java.util.ArrayList;
import java.util.List;

import dev.gregor.Header;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.RecordChunk;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The records one {@code KafkaConsumer.poll} returned for one partition, turned into {@link Message}s one by one. */
final class ConsumerRecordChunk implements RecordChunk {

    private final TopicPartition partition;
    private final long generation;
    private final List<ConsumerRecord<byte[], byte[]>> records;
    private final long endOffset;
    private int next;

    /** {@code endOffset}: the consumer's position after the poll, past any transaction marker it skipped. */
    ConsumerRecordChunk(TopicPartition partition, long generation, List<ConsumerRecord<byte[], byte[]>> records,
                        long endOffset) {
        this.partition = partition;
        this.generation = generation;
        this.records = records;
        this.endOffset = endOffset;
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
        return records.size();
    }

    @Override
    public long endOffset() {
        return endOffset;
    }

    @Override
    public Message next() {
        if (next == records.size()) {
            return null;
        }
        ConsumerRecord<byte[], byte[]> record = records.get(next++);
        org.apache.kafka.common.header.Header[] fetched = record.headers().toArray();
        List<Header> headers = fetched.length == 0 ? List.of() : new ArrayList<>(fetched.length);
        for (org.apache.kafka.common.header.Header header : fetched) {
            headers.add(new Header(header.key(), header.value()));
        }
        return new Message(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value(), headers);
    }

    @Override
    public void release() {
        next = records.size();
    }
}

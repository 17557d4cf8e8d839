package dev.gregor.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gregor.benchmarks.internal.Measurement;
import dev.gregor.internal.protocol.record.CompressionCodec;
import dev.gregor.internal.protocol.record.RecordBatchBuilder;
import dev.gregor.internal.protocol.record.RecordBatchReader;
import dev.gregor.internal.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.Utils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The record format on its own, without network or threads: Gregor's batch builder and reader against kafka-clients'
 * {@code MemoryRecords}, each encoding and decoding the same batch of 1,000 records of 100 bytes. Decoding includes
 * copying each value into its own array, as both consumers hand them to the application.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordBatchBenchmark {

    /** Records per batch. */
    public static final int RECORDS = 1_000;

    /** The batch's compression, by its Kafka name. */
    @Param({"none", "lz4"})
    public String codec;

    private final byte[] value = Measurement.value(100);
    private final long timestamp = System.currentTimeMillis();
    private final ByteBuffer kafkaClientsScratch = ByteBuffer.allocate(256 * 1024);
    private CompressionCodec gregorCodec;
    private Compression kafkaClientsCompression;
    private ByteBuf gregorBatch;
    private ByteBuffer kafkaClientsBatch;

    @Setup
    public void encodeTheBatchesToDecode() {
        gregorCodec = CompressionCodec.valueOf(codec.toUpperCase());
        kafkaClientsCompression = Compression.of(codec).build();
        gregorBatch = gregorBatch();
        kafkaClientsBatch = ByteBuffer.wrap(Utils.toArray(kafkaClientsBatch().buffer()));
    }

    @TearDown
    public void release() {
        gregorBatch.release();
    }

    @Benchmark
    public int gregorEncode() {
        ByteBuf batch = gregorBatch();
        int size = batch.readableBytes();
        batch.release();
        return size;
    }

    @Benchmark
    public int kafkaClientsEncode() {
        return kafkaClientsBatch().sizeInBytes();
    }

    @Benchmark
    public void gregorDecode(Blackhole sink) {
        RecordBatchReader batches = new RecordBatchReader(gregorBatch.duplicate());
        while (batches.hasNext()) {
            RecordBatchView.RecordIterator records = batches.next().records("benchmark", 0, 0);
            while (records.hasNext()) {
                sink.consume(records.next());
            }
        }
    }

    @Benchmark
    public void kafkaClientsDecode(Blackhole sink) {
        for (RecordBatch batch : MemoryRecords.readableRecords(kafkaClientsBatch.duplicate()).batches()) {
            for (Record record : batch) {
                sink.consume(record.offset());
                sink.consume(Utils.toArray(record.value()));
            }
        }
    }

    private ByteBuf gregorBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(PooledByteBufAllocator.DEFAULT, gregorCodec, 1 << 20, false);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(timestamp, null, value, List.of());
        }
        return builder.build(-1, (short) -1, -1);
    }

    private MemoryRecords kafkaClientsBatch() {
        kafkaClientsScratch.clear();
        MemoryRecordsBuilder builder = MemoryRecords.builder(kafkaClientsScratch, kafkaClientsCompression, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < RECORDS; i++) {
            builder.append(timestamp, (byte[]) null, value);
        }
        return builder.build();
    }
}

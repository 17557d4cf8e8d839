package dev.gregor.internal.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.gregor.ProtocolException;
import dev.gregor.TopicPartition;
import dev.gregor.internal.engine.RecordChunk;
import dev.gregor.internal.protocol.message.FetchResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fetch answered with a record batch whose header cannot be read (a fake broker: a real one never sends such a
 * thing) fails the consumer with a protocol error naming the topic, partition and offset, instead of stalling it
 * without a word.
 */
class CorruptFetchTest {

    private static final String TOPIC = "corrupt";
    private static final UUID TOPIC_ID = UUID.randomUUID();

    private final PipelineOnFakeBroker fake;
    private final FetchPipeline pipeline;

    CorruptFetchTest() throws IOException {
        fake = new PipelineOnFakeBroker("corrupt-fetch-test", Map.of(TOPIC, TOPIC_ID), 1, request -> switch (request.api()) {
            case FETCH -> fetch();
            default -> throw new IOException("the fake broker does not answer " + request.api());
        });
        pipeline = fake.pipeline();
    }

    @AfterEach
    void close() throws IOException {
        fake.close();
    }

    @Test
    void aBatchWithAnUnreadableHeaderFailsTheConsumerNamingWhereInsteadOfStallingIt() throws Exception {
        pipeline.start();
        pipeline.assign(Map.of(new TopicPartition(TOPIC, 0), 0L));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            RecordChunk chunk = pipeline.poll(TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(chunk).as("no records can come out of a corrupt batch").isNull();
            return pipeline.failure() != null;
        });
        assertThat(pipeline.failure()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("topic '" + TOPIC + "' partition 0").hasMessageContaining("offset 0")
                .hasMessageContaining("magic");
    }

    /** A fetch answer whose one batch claims message format v1 (magic 1), which no reader of v2 batches can read. */
    private static FetchResponse fetch() {
        ByteBuf batch = Unpooled.buffer(61);
        batch.writeLong(0);          // base offset
        batch.writeInt(61 - 12);     // length of what follows
        batch.writeInt(0);           // partition leader epoch
        batch.writeByte(1);          // magic: not 2
        batch.writeZero(61 - 17);    // the rest of a v2 header's size
        return new FetchResponse().setResponses(List.of(new FetchResponse.FetchableTopicResponse().setTopic(TOPIC)
                .setTopicId(TOPIC_ID).setPartitions(List.of(new FetchResponse.PartitionData().setPartitionIndex(0)
                        .setHighWatermark(1).setLastStableOffset(1).setRecords(batch)))));
    }
}

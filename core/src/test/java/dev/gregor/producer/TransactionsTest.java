package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.ProducerFencedException;
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions across three topics: a {@code read_committed} reader (kafka-clients') sees exactly the committed
 * records, in order, a {@code read_uncommitted} one every record written; a second producer with the same id fences
 * the first; misuse is refused with an error that names the fix.
 */
@KafkaCluster
class TransactionsTest {

    private static final List<String> TOPICS = List.of("tx-a", "tx-b", "tx-c");

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;

    TransactionsTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    /** The producer engine under test; the kafka-clients backend's module may run this suite again. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @AfterEach
    void close() {
        client.close();
    }

    private ProducerConfig transactional(String id) {
        return ProducerConfig.builder().backend(backend()).transactionalId(id).build();
    }

    @Test
    void committedTransactionsAreSeenExactlyAndAbortedOnesNever() {
        TOPICS.forEach(topic -> client.createTopicIfMissing(topic, 1, 1));
        try (Producer producer = client.producer(transactional("tx-three-topics"))) {
            for (int round = 0; round < 4; round++) {
                int current = round;
                producer.beginTransaction();
                for (int i = 0; i < 50; i++) {
                    producer.produce(TOPICS.get(i % 3), ProducerRecord.of("r" + current + "-" + i));
                }
                if (round % 2 == 0) {
                    producer.commitTransaction();
                } else {
                    producer.flush();
                    producer.abortTransaction();
                }
            }
            assertThatThrownBy(() -> producer.runInTransaction(tx -> {
                tx.produce("tx-a", ProducerRecord.of("thrown"));
                tx.flush();
                throw new IllegalStateException("work failed");
            })).hasMessage("work failed");
            producer.runInTransaction(tx -> tx.produce("tx-a", ProducerRecord.of("last")));
        }
        List<String> expectedA = new ArrayList<>();
        for (int round : new int[] {0, 2}) {
            for (int i = 0; i < 50; i += 3) {
                expectedA.add("r" + round + "-" + i);
            }
        }
        expectedA.add("last");
        assertThat(values(KafkaClientsReader.readCommitted(cluster.bootstrapServers(), List.of("tx-a"),
                expectedA.size()))).containsExactlyElementsOf(expectedA);
        assertThat(KafkaClientsReader.readCommitted(cluster.bootstrapServers(), List.of("tx-b", "tx-c"), 66))
                .hasSize(66);
        // Aborted records (flushed before the abort) are in the log, seen read_uncommitted: 4 x 17 + thrown + last.
        assertThat(KafkaClientsReader.readAll(cluster.bootstrapServers(), "tx-a", 70)).hasSize(70);
    }

    @Test
    void aSecondProducerWithTheIdFencesTheFirst() {
        client.createTopicIfMissing("tx-fenced", 1, 1);
        try (KafkaClient other = KafkaClient.connect(cluster.bootstrapServers());
             Producer first = client.producer(transactional("tx-fence"))) {
            first.beginTransaction();
            first.produce("tx-fenced", ProducerRecord.of("zombie"));
            try (Producer second = other.producer(transactional("tx-fence"))) {
                second.runInTransaction(tx -> tx.produce("tx-fenced", ProducerRecord.of("successor")));
            }
            assertThatThrownBy(() -> {
                first.produce("tx-fenced", ProducerRecord.of("after the fence"));
                first.commitTransaction();
            }).isInstanceOf(ProducerFencedException.class).hasMessageContaining("tx-fence");
            assertThatThrownBy(first::beginTransaction).isInstanceOf(ProducerFencedException.class);
        }
        assertThat(values(KafkaClientsReader.readCommitted(cluster.bootstrapServers(), List.of("tx-fenced"), 1)))
                .containsExactly("successor");
    }

    @Test
    void misuseIsRefusedWithTheFix() {
        client.createTopicIfMissing("tx-misuse", 1, 1);
        try (Producer producer = client.producer(transactional("tx-misuse"))) {
            assertThatThrownBy(() -> producer.produce("tx-misuse", ProducerRecord.of("outside")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("beginTransaction()");
            assertThatThrownBy(producer::commitTransaction).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("beginTransaction()");
            producer.beginTransaction();
            assertThatThrownBy(producer::beginTransaction).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("open already");
            assertThatThrownBy(() -> client.producer(transactional("tx-misuse")))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("close that producer first");
            producer.abortTransaction();
        }
        try (Producer plain = client.producer(ProducerConfig.builder().backend(backend()).build())) {
            assertThatThrownBy(plain::beginTransaction).isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("transactionalId");
        }
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }
}

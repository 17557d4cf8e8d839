package dev.gregor.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.Backend;
import dev.gregor.InvalidConfigException;
import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.TopicPartition;
import dev.gregor.producer.ProducerConfig;
import dev.gregor.producer.ProducerRecord;
import dev.gregor.support.KafkaClientsReader;
import dev.gregor.support.KafkaClientsWriter;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consume-transform-produce with {@link TransactionalConsumer}: copies from one topic to another keep every input
 * record exactly once in the committed output while members join and leave, when a handler fails, and when a
 * rebalance cannot wait for the open transaction; bad configurations are refused before anything starts.
 */
@KafkaCluster
class TransactionalConsumerTest {

    private static final int PARTITIONS = 4;

    private final EmbeddedKafkaCluster cluster;
    private final KafkaClient client;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    TransactionalConsumerTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.client = KafkaClient.connect(cluster.bootstrapServers());
    }

    /** The producer engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : opened) {
            each.close();
        }
        client.close();
    }

    @Test
    void copiesEveryRecordExactlyOnceWhileMembersJoinAndLeave() {
        String in = topics("tc-join", 3_000);
        Copier first = copier(in, "tc-join", "tc-join-1", consumerConfig("tc-join"));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.committed.get() >= 1_000);
        Copier second = copier(in, "tc-join", "tc-join-2", consumerConfig("tc-join"));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.committed.get() + second.committed.get() >= 2_000);
        first.transactional.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> committedOffsets("tc-join") == 3_000);
        assertCopiedExactlyOnce("tc-join", 3_000);
    }

    @Test
    void aHandlerThatThrowsAbortsAndItsBatchIsHandedOutAgain() {
        String in = topics("tc-throws", 600);
        TransactionalConsumer transactional = open(consumerConfig("tc-throws"), "tc-throws-1", in);
        AtomicBoolean failedOnce = new AtomicBoolean();
        List<RuntimeException> thrown = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                transactional.processBatch(100, Duration.ofMillis(200), (message, producer) -> {
                    if (new String(message.value(), StandardCharsets.UTF_8).equals("value-301")
                            && failedOnce.compareAndSet(false, true)) {
                        throw new IllegalStateException("handler failed on value-301");
                    }
                    producer.produce("tc-throws-out", copy(message));
                });
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
            return committedOffsets("tc-throws") == 600;
        });
        assertThat(thrown).singleElement().extracting(Throwable::getMessage).isEqualTo("handler failed on value-301");
        assertCopiedExactlyOnce("tc-throws", 600);
    }

    @Test
    void aRevocationThatCannotWaitAbortsTheOpenTransactionAndItsRecordsComeAgain() throws Exception {
        String in = topics("tc-revoke", 400);
        ConsumerConfig impatient = consumerConfig("tc-revoke").toBuilder().rebalanceTimeout(Duration.ofSeconds(2))
                .build();
        TransactionalConsumer first = open(impatient, "tc-revoke-1", in);
        List<Message> held = first.consumeBatch(50, Duration.ofSeconds(10));
        assertThat(held).isNotEmpty();
        held.forEach(message -> first.producer().produce("tc-revoke-out", copy(message)));
        // The second member's join revokes the first's partitions; its revocation waits 1 s for the open
        // transaction, which this thread does not commit meanwhile.
        CompletableFuture<TransactionalConsumer> joining = CompletableFuture.supplyAsync(
                () -> open(impatient, "tc-revoke-2", in));
        TransactionalConsumer second = joining.get(60, TimeUnit.SECONDS);
        assertThat(first.commit()).as("commit after a revocation that went ahead").isFalse();
        List<TransactionalConsumer> members = List.of(first, second);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            members.forEach(member -> member.processBatch(100, Duration.ofMillis(100),
                    (message, producer) -> producer.produce("tc-revoke-out", copy(message))));
            return committedOffsets("tc-revoke") == 400;
        });
        assertCopiedExactlyOnce("tc-revoke", 400);
    }

    @Test
    void refusesAProducerWithoutTransactionalIdAndAutoCommitBeforeJoining() {
        topics("tc-refused", 0);
        assertThatThrownBy(() -> client.transactionalConsumer(consumerConfig("tc-refused"),
                ProducerConfig.builder().backend(backend()).build(), List.of("tc-refused-in")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("transactionalId");
        assertThatThrownBy(() -> client.transactionalConsumer(consumerConfig("tc-refused").toBuilder()
                        .autoCommit(true).build(), producerConfig("tc-refused-1"), List.of("tc-refused-in")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("autoCommit");
        assertThatThrownBy(() -> client.transactionalConsumer(ConsumerConfig.builder().managed(true).build(),
                producerConfig("tc-refused-1"), List.of("tc-refused-in")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("consumerGroup");
        // The refused attempts left no producer open on the transactional id.
        assertThat(open(consumerConfig("tc-refused"), "tc-refused-1", "tc-refused-in").consumer().assignment())
                .hasSize(PARTITIONS);
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingProcessBatch() throws Exception {
        String in = topics("tc-close", 0);
        TransactionalConsumer transactional = open(consumerConfig("tc-close"), "tc-close-1", in);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> transactional.processBatch(10,
                Duration.ofSeconds(60), (message, producer) -> producer.produce("tc-close-out", copy(message))));
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        long closing = System.nanoTime();
        transactional.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(
                dev.gregor.ClientClosedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
    }

    /** Creates {@code name}-in holding records 0..count-1 and an empty {@code name}-out; returns the input's name. */
    private String topics(String name, int count) {
        client.createTopic(name + "-in", PARTITIONS, 1);
        client.createTopic(name + "-out", PARTITIONS, 1);
        if (count > 0) {
            KafkaClientsWriter.write(cluster.bootstrapServers(), name + "-in", PARTITIONS, 0, count, "none",
                    System.currentTimeMillis());
        }
        return name + "-in";
    }

    private ConsumerConfig consumerConfig(String name) {
        return ConsumerConfig.builder().consumerGroup(name + "-group").managed(true)
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofMillis(500)).build();
    }

    private ProducerConfig producerConfig(String transactionalId) {
        return ProducerConfig.builder().backend(backend()).transactionalId(transactionalId).build();
    }

    private TransactionalConsumer open(ConsumerConfig config, String transactionalId, String in) {
        TransactionalConsumer transactional = client.transactionalConsumer(config, producerConfig(transactionalId),
                List.of(in));
        opened.add(transactional);
        return transactional;
    }

    private static ProducerRecord copy(Message message) {
        return ProducerRecord.of(message.value()).withKey(message.partitionKey());
    }

    /** A member copying {@code in} to the matching output on a thread of its own until it is closed. */
    private Copier copier(String in, String name, String transactionalId, ConsumerConfig config) {
        Copier copier = new Copier(open(config, transactionalId, in), name + "-out");
        Thread thread = new Thread(copier, "copier-" + transactionalId);
        thread.setDaemon(true);
        thread.start();
        return copier;
    }

    private static final class Copier implements Runnable {

        private final TransactionalConsumer transactional;
        private final String out;
        private final AtomicLong committed = new AtomicLong();

        Copier(TransactionalConsumer transactional, String out) {
            this.transactional = transactional;
            this.out = out;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    committed.addAndGet(transactional.processBatch(100, Duration.ofMillis(100),
                            (message, producer) -> producer.produce(out, copy(message))));
                }
            } catch (RuntimeException closed) {
                // closed by the test, from its own thread
            }
        }
    }

    private long committedOffsets(String name) {
        Map<TopicPartition, Long> committed = client.admin().groupOffsets(name + "-group");
        return committed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The committed output holds each input value exactly once, and nothing else. */
    private void assertCopiedExactlyOnce(String name, int count) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaClientsReader.readCommitted(cluster.bootstrapServers(),
                List.of(name + "-out"), count)) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(new String(KafkaClientsWriter.value(i), StandardCharsets.UTF_8));
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected);
    }
}

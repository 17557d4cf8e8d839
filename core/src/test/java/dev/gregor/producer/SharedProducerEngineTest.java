package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.Backend;
import dev.gregor.DeliveryException;
import dev.gregor.KafkaClient;
import dev.gregor.support.SenderThreads;
import dev.gregor.testkit.ApiFault;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultProxy;
import dev.gregor.testkit.KafkaApi;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Producers on one shared engine: each one's flush and close wait for its own records only. */
@KafkaCluster(faultProxies = true)
class SharedProducerEngineTest {

    private static final String STUCK = "stuck-on-the-way";

    private final EmbeddedKafkaCluster cluster;

    SharedProducerEngineTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** The engine under test; the kafka-clients backend's module runs this suite again on its own. */
    Backend backend() {
        return Backend.NATIVE;
    }

    @AfterEach
    void heal() {
        cluster.heal();
    }

    /**
     * A's records are either followed one by one (futures) or only counted (async {@code produce}, which the
     * producer tallies per partition instead): A's close waits for them either way, and for nothing of B's.
     */
    @ParameterizedTest(name = "A''s records {0}")
    @ValueSource(strings = {"sent with futures", "produced without"})
    void closingOneTopicsProducerWaitsForItsOwnRecordsWhileAnotherOnTheSameEngineKeepsSending(String how)
            throws Exception {
        boolean followed = how.startsWith("sent");
        // Every request carrying the marker reaches the broker with a flipped bit: it answers CORRUPT_MESSAGE,
        // retriably, so B's record stays pending (the same bytes retried) until B gives it up.
        FaultProxy proxy = cluster.proxy(0)
                .inject(ApiFault.corruptRequest(KafkaApi.PRODUCE, STUCK.getBytes(StandardCharsets.UTF_8)));
        String suffix = backend().name().toLowerCase() + (followed ? "-followed" : "-counted");
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            client.createTopic("own-a-" + suffix, 1, 1);
            client.createTopic("stuck-b-" + suffix, 1, 1);
            client.createTopic("free-c-" + suffix, 1, 1);
            ProducerConfig config = ProducerConfig.builder().backend(backend()).linger(Duration.ZERO)
                    .retryBackoff(Duration.ofMillis(20)).build();
            Set<String> before = SenderThreads.live();
            Producer a = client.topic("own-a-" + suffix).producer(config);
            Producer b = client.topic("stuck-b-" + suffix).producer(config);
            assertThat(SenderThreads.startedSince(before)).as("one engine under A and B").hasSize(1);
            b.send("free-c-" + suffix, ProducerRecord.of("warm-up")).get(30, TimeUnit.SECONDS);
            CompletableFuture<DeliveryReport> stuck = b.send(ProducerRecord.of(STUCK));
            List<CompletableFuture<DeliveryReport>> own = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                if (followed) {
                    own.add(a.send(ProducerRecord.of("a-" + i)));
                } else {
                    a.produce(ProducerRecord.of("a-" + i));
                }
            }

            a.close();

            assertThat(a.metrics().recordsDelivered()).as("A's records delivered when A's close returned")
                    .isEqualTo(200);
            assertThat(client.topic("own-a-" + suffix).latestOffsets()).as("A's topic").containsEntry(0, 200L);
            assertThat(own).as("A's records when A's close returned").allSatisfy(future -> assertThat(future).isDone());
            for (int i = 0; i < own.size(); i++) {
                assertThat(own.get(i).get().offset()).as("offset of A's record %d", i).isEqualTo(i);
            }
            assertThat(stuck).as("B's record when A's close returned").isNotDone();
            assertThat(b.send("free-c-" + suffix, ProducerRecord.of("meanwhile")).get(30, TimeUnit.SECONDS).offset())
                    .as("B, on the same engine, still sends").isEqualTo(1);
            assertThat(stuck).isNotDone();
            b.close(Duration.ofMillis(500));
            assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(DeliveryException.class).hasMessageContaining("producer was closed");
            assertThat(proxy.counts().requestsCorrupted()).as("Produce requests damaged on the way").isPositive();
        }
    }
}

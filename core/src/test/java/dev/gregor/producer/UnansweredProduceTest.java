package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import dev.gregor.DeliveryException;
import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.testkit.ApiFault;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultProxy;
import dev.gregor.testkit.KafkaApi;
import dev.gregor.testkit.junit.KafkaCluster;

/** Records that expire while an earlier batch of their partition waits for the leader's answer say so. */
@KafkaCluster(faultProxies = true)
class UnansweredProduceTest {

    @Test
    void recordsThatExpireBehindAnUnansweredBatchSayTheyWaitedForTheLeadersAnswerNotThatThereWasNoLeader(
            EmbeddedKafkaCluster cluster) {
        FaultProxy proxy = cluster.proxy(0).heal().resetCounts();
        try (KafkaClient client = KafkaClient.builder().bootstrapServers(cluster.bootstrapServers())
                .requestTimeout(Duration.ofSeconds(8)).build()) {
            Topic topic = client.createTopic("unanswered", 1, 1);
            try (Producer producer = topic.producer(ProducerConfig.builder().linger(Duration.ZERO)
                    .deliveryTimeout(Duration.ofSeconds(2)).build())) {
                proxy.inject(ApiFault.dropResponse(KafkaApi.PRODUCE).times(1));
                CompletableFuture<DeliveryReport> unanswered = producer.send(ProducerRecord.of("first"));
                await().atMost(Duration.ofSeconds(10)).until(() -> proxy.counts().responsesDropped() == 1);
                CompletableFuture<DeliveryReport> behind = producer.send(ProducerRecord.of("second"));

                Throwable failure = await().atMost(Duration.ofSeconds(30)).until(() -> behind.handle(
                        (report, error) -> error).getNow(null), error -> error != null);
                Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
                assertThat(cause).isInstanceOf(DeliveryException.class)
                        .hasMessageContaining("waited behind an earlier batch")
                        .hasMessageContaining("broker 0")
                        .hasMessageNotContaining("no reachable leader");
                assertThat(unanswered).isDone();
            }
        } finally {
            proxy.heal();
        }
    }
}

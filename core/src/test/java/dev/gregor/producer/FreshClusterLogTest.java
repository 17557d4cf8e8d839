package dev.gregor.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaClient;
import dev.gregor.Topic;
import dev.gregor.consumer.BalancedConsumer;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.support.CapturedLog;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.Test;

/**
 * A fresh cluster answers COORDINATOR_LOAD_IN_PROGRESS for a while (allocating producer ids, loading group
 * coordinators): expected and retried, so the first producer and the first group member say nothing about it.
 */
@KafkaCluster(isolated = true)
class FreshClusterLogTest {

    @Test
    void theFirstProducerAndGroupMemberOfAFreshClusterWarnOfNoCoordinatorStillLoading(EmbeddedKafkaCluster cluster) throws Exception {
        try (CapturedLog log = CapturedLog.start();
             KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            Topic topic = client.createTopic("fresh", 2, 1);
            try (Producer producer = topic.producer()) {
                assertThat(producer.send(ProducerRecord.of("first")).get(30, TimeUnit.SECONDS).offset()).isZero();
            }
            try (BalancedConsumer member = topic.balancedConsumer(ConsumerConfig.builder().consumerGroup("billing")
                    .managed(true).autoCommit(true).build())) {
                assertThat(member.consume(Duration.ofSeconds(30)).valueAsString()).isEqualTo("first");
                member.commitOffsets();
            }

            assertSoftly(softly -> {
                softly.assertThat(log.lines("WARN")).as("warnings").noneMatch(line -> line.contains("LOAD_IN_PROGRESS")
                        || line.contains("producer id") || line.contains("coordinator"));
                softly.assertThat(log.lines("left group 'billing'")).as("the leave, told plainly").singleElement()
                        .asString().endsWith("left group 'billing'");
            });
        }
    }
}

package dev.gregor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gregor.testkit.ApiFault;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.FaultProxy;
import dev.gregor.testkit.KafkaApi;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code createTopic} when the broker created the topic but the answer was lost with the connection (T4's
 * connection chaos found it): the retry finds the topic, which this call made, and must not report it as someone
 * else's.
 */
@KafkaCluster(faultProxies = true)
class CreateTopicAnswerLostTest {

    private final EmbeddedKafkaCluster cluster;
    private final FaultProxy proxy;

    CreateTopicAnswerLostTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.proxy = cluster.proxy(0);
    }

    @AfterEach
    void heal() {
        proxy.heal().resetCounts();
    }

    @Test
    void aCreationWhoseAnswerWasLostReturnsTheTopicItMadeWhenTheRetryFindsItAsAsked() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            proxy.resetCounts().inject(ApiFault.dropResponseAndClose(KafkaApi.CREATE_TOPICS).times(1));

            Topic topic = client.createTopic("created-answer-lost", 3, 1);

            assertThat(proxy.counts().responsesDropped()).as("CreateTopics answers dropped").isEqualTo(1);
            assertThat(topic.partitions()).hasSize(3);
            assertThatThrownBy(() -> client.createTopic("created-answer-lost", 3, 1))
                    .as("a later creation of the same topic").isInstanceOf(TopicExistsException.class);
        }
    }

    @Test
    void aLostAnswerDoesNotTurnSomeoneElsesTopicOfAnotherShapeIntoOurs() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            client.createTopic("created-before", 2, 1);
            proxy.resetCounts().inject(ApiFault.dropResponseAndClose(KafkaApi.CREATE_TOPICS).times(1));

            assertThatThrownBy(() -> client.createTopic("created-before", 3, 1))
                    .isInstanceOf(TopicExistsException.class).hasMessageContaining("already exists");
            assertThat(proxy.counts().responsesDropped()).as("CreateTopics answers dropped").isEqualTo(1);
        }
    }
}

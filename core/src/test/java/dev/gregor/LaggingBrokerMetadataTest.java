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
 * A topic just created by another client reaches each broker's metadata at its own pace; a broker that has not caught
 * up answers UNKNOWN_TOPIC_OR_PARTITION (the proxy plays that broker here, once). The client looks the topic up at
 * the other brokers before calling it unknown (CI found a 3-broker run where it did not), and a topic no broker
 * knows is still unknown.
 */
@KafkaCluster(faultProxies = true)
class LaggingBrokerMetadataTest {

    private static final int UNKNOWN_TOPIC_OR_PARTITION = 3;

    private final EmbeddedKafkaCluster cluster;
    private final FaultProxy proxy;

    LaggingBrokerMetadataTest(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        this.proxy = cluster.proxy(0);
    }

    @AfterEach
    void heal() {
        proxy.heal().resetCounts();
    }

    @Test
    void aTopicOneBrokerDoesNotKnowYetIsFoundAtTheNext() {
        try (KafkaClient admin = KafkaClient.connect(cluster.bootstrapServers());
             KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            admin.createTopic("lagging-metadata", 2, 1);
            proxy.resetCounts().inject(ApiFault.answerError(KafkaApi.METADATA, UNKNOWN_TOPIC_OR_PARTITION).times(1));

            Topic topic = client.topic("lagging-metadata");

            assertThat(proxy.counts().errorsAnswered()).as("metadata answers that did not know the topic").isEqualTo(1);
            assertThat(topic.partitions()).hasSize(2);
        }
    }

    @Test
    void aTopicNoBrokerKnowsIsUnknown() {
        try (KafkaClient client = KafkaClient.connect(cluster.bootstrapServers())) {
            assertThatThrownBy(() -> client.topic("never-created")).isInstanceOf(UnknownTopicException.class)
                    .hasMessageContaining("Topic 'never-created' does not exist");
        }
    }
}

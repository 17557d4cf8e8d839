package dev.gregor.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import dev.gregor.spring.core.TopicTemplate;
import dev.gregor.testkit.EmbeddedKafkaCluster;
import dev.gregor.testkit.junit.KafkaCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code gregor.producer.acks} takes every value it offers; idempotence follows it unless set. */
@KafkaCluster
class ProducerAcksTests {

    private final ApplicationContextRunner runner;

    ProducerAcksTests(EmbeddedKafkaCluster cluster) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, GregorAutoConfiguration.class))
                .withPropertyValues("gregor.embedded.enabled=false", "gregor.bootstrap-servers=" + cluster.bootstrapServers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALL", "LEADER", "NONE"})
    void theTemplateDeliversWithEveryAcksWhenIdempotenceIsLeftUnset(String acks) {
        String topic = "acks-" + acks.toLowerCase();
        runner.withPropertyValues("gregor.producer.acks=" + acks).run(context -> {
            assertThat(context).hasNotFailed();
            KafkaClient client = context.getBean(KafkaClient.class);
            client.createTopic(topic, 1, 1);
            TopicTemplate template = context.getBean(TopicTemplate.class);
            for (int i = 0; i < 3; i++) {
                template.sendSync(topic, "v" + i);
            }

            List<String> read = new ArrayList<>();
            try (SimpleConsumer consumer = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                    .consumerTimeout(Duration.ofSeconds(2)).build())) {
                for (Message message : consumer) {
                    read.add(message.valueAsString());
                }
            }
            assertThat(read).containsExactly("v0", "v1", "v2");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEADER", "NONE"})
    void acksBelowAllWithIdempotenceSetOffStarts(String acks) {
        runner.withPropertyValues("gregor.producer.acks=" + acks, "gregor.producer.idempotence=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TopicTemplate.class));
    }
}

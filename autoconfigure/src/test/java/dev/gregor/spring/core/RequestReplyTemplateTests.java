package dev.gregor.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gregor.KafkaClient;
import dev.gregor.KafkaTimeoutException;
import dev.gregor.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** {@link RequestReplyTemplate#sendAndReceive} never waits for Kafka, also while no broker answers. */
class RequestReplyTemplateTests {

    @Test
    void whileNoBrokerAnswersARequestReturnsAtOnceAndFailsByItsTimeoutNamingTheTopic() throws IOException {
        try (KafkaClient client = TopicTemplateTests.unreachableClient()) {
            TopicTemplate template = new TopicTemplate(client, ProducerConfig.defaults(), new ValueSerializer(null),
                    List.of(), Duration.ofSeconds(2), Duration.ofSeconds(2));
            RequestReplyTemplate requests = new RequestReplyTemplate(client, template, new ValueDeserializer(null),
                    "replies", Duration.ofMillis(300));
            long started = System.nanoTime();
            CompletableFuture<String> reply = requests.sendAndReceive("orders", "k", "ping", String.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofMillis(300));
            assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(KafkaTimeoutException.class).hasMessageContainingAll("'orders'", "300 ms");
            requests.destroy();
            template.destroy();
        }
    }
}

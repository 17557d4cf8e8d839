package dev.gregor.spring.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;

/** Every record a topic holds now, for tests that check what a listener wrote (its dead letters, say). */
public final class TopicContents {

    private TopicContents() {
    }

    /** The records of {@code topic}, every partition from the start, until none came for a second; empty if it does not exist. */
    public static List<Message> of(KafkaClient client, String topic) {
        if (!client.topics().containsKey(topic)) {
            return List.of();
        }
        List<Message> all = new ArrayList<>();
        try (SimpleConsumer consumer = client.topic(topic).simpleConsumer(ConsumerConfig.builder()
                .consumerTimeout(Duration.ofSeconds(1)).build())) {
            consumer.forEach(all::add);
        }
        return all;
    }
}

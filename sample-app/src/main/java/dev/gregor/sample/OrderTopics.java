package dev.gregor.sample;

import dev.gregor.KafkaClient;
import dev.gregor.admin.TopicSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orders topic and its dead-letter topic, declared as {@link TopicSpec} beans: Gregor creates them at startup,
 * before the listeners start, where they do not exist yet.
 */
@Configuration(proxyBeanMethods = false)
class OrderTopics {

    static final String ORDERS = "orders";
    /** Where billing puts the orders it cannot bill (the listener's dead-letter topic: {@code <topic>.DLT}). */
    static final String ORDERS_DLT = ORDERS + ".DLT";

    private static final int PARTITIONS = 4;

    @Bean
    TopicSpec ordersTopic(KafkaClient client) {
        return TopicSpec.of(ORDERS, PARTITIONS, replication(client));
    }

    @Bean
    TopicSpec ordersDeadLetterTopic(KafkaClient client) {
        return TopicSpec.of(ORDERS_DLT, PARTITIONS, replication(client));
    }

    /** Three copies of each partition where the cluster has three brokers, else one per broker. */
    private static int replication(KafkaClient client) {
        return Math.min(3, client.brokers().size());
    }
}

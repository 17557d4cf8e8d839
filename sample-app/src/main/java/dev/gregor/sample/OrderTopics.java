package dev.gregor.sample;

import dev.gregor.KafkaClient;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Makes sure the orders topic exists before the listeners start. */
@Component
class OrderTopics implements SmartInitializingSingleton {

    static final String ORDERS = "orders";

    private final KafkaClient client;

    OrderTopics(KafkaClient client) {
        this.client = client;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!client.topics().containsKey(ORDERS)) {
            client.createTopic(ORDERS, 4, Math.min(3, client.brokers().size()));
        }
    }
}

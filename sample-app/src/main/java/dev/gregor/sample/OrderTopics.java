package dev.gregor.sample;

import dev.gregor.KafkaClient;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Makes sure the orders topic and its dead-letter topic exist before the listeners start. */
@Component
class OrderTopics implements SmartInitializingSingleton {

    static final String ORDERS = "orders";
    /** Where billing puts the orders it cannot bill (the listener's dead-letter topic: {@code <topic>.DLT}). */
    static final String ORDERS_DLT = ORDERS + ".DLT";

    private final KafkaClient client;

    OrderTopics(KafkaClient client) {
        this.client = client;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String topic : new String[] {ORDERS, ORDERS_DLT}) {
            if (!client.topics().containsKey(topic)) {
                client.createTopic(topic, 4, Math.min(3, client.brokers().size()));
            }
        }
    }
}

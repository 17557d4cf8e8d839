package dev.gregor.sample;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.Message;
import dev.gregor.spring.listener.Topic;
import dev.gregor.spring.listener.TopicListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Audits every order and every order billing gave up on, from every partition of both topics, without group
 * coordination: one simple listener over two topics.
 */
@Component
class Audit {

    private static final Logger log = LoggerFactory.getLogger(Audit.class);

    private final Set<String> audited = ConcurrentHashMap.newKeySet();
    private final Set<String> unbilled = ConcurrentHashMap.newKeySet();

    @TopicListener(id = "audit", topics = {OrderTopics.ORDERS, OrderTopics.ORDERS_DLT}, group = "audit")
    void audit(Order order, @Topic String topic, Message message) {
        if (topic.equals(OrderTopics.ORDERS_DLT)) {
            unbilled.add(order.id());
        } else {
            audited.add(order.id());
        }
        log.info("Audit: order {} at {}-{}@{}", order.id(), topic, message.partitionId(), message.offset());
    }

    int auditedOrders() {
        return audited.size();
    }

    boolean hasAudited(String orderId) {
        return audited.contains(orderId);
    }

    /** Whether the order came back through the dead-letter topic: billing gave up on it. */
    boolean sawUnbilled(String orderId) {
        return unbilled.contains(orderId);
    }
}

package dev.gregor.sample;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gregor.Message;
import dev.gregor.spring.listener.TopicListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Audits every order, from every partition, without group coordination (a simple listener). */
@Component
class Audit {

    private static final Logger log = LoggerFactory.getLogger(Audit.class);

    private final Set<String> audited = ConcurrentHashMap.newKeySet();

    @TopicListener(id = "audit", topics = OrderTopics.ORDERS, group = "audit")
    void audit(Order order, Message message) {
        audited.add(order.id());
        log.info("Audit: order {} at {}-{}@{}", order.id(), message.topic(), message.partitionId(), message.offset());
    }

    int auditedOrders() {
        return audited.size();
    }

    boolean hasAudited(String orderId) {
        return audited.contains(orderId);
    }
}

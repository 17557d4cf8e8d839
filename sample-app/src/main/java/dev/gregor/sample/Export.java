package dev.gregor.sample;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gregor.spring.listener.Acknowledgment;
import dev.gregor.spring.listener.TopicListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Exports orders in batches of at most 100 (a batch listener: one call per poll) and acknowledges each batch once
 * it is written, so the "export" group commits only what was exported.
 */
@Component
class Export {

    private static final Logger log = LoggerFactory.getLogger(Export.class);

    private final Set<String> exported = ConcurrentHashMap.newKeySet();
    private final AtomicInteger batches = new AtomicInteger();

    @TopicListener(id = "export", topics = OrderTopics.ORDERS, group = "export", maxBatchSize = "100")
    void export(List<Order> orders, Acknowledgment ack) {
        orders.forEach(order -> exported.add(order.id()));
        log.info("Exported a batch of {} orders (batch {})", orders.size(), batches.incrementAndGet());
        ack.acknowledge();
    }

    boolean hasExported(String orderId) {
        return exported.contains(orderId);
    }
}

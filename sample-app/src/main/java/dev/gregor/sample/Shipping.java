package dev.gregor.sample;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.gregor.spring.listener.Key;
import dev.gregor.spring.listener.Offset;
import dev.gregor.spring.listener.TopicListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ships orders: each takes a few milliseconds of (simulated) blocking work, so one key-ordered container works on up
 * to 64 at once, in parallel across customers and one after another, in offset order, for each customer.
 */
@Component
class Shipping {

    private static final Logger log = LoggerFactory.getLogger(Shipping.class);

    private final Set<String> shipped = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastOffsetOfCustomer = new ConcurrentHashMap<>();
    private final AtomicInteger outOfOrder = new AtomicInteger();

    @TopicListener(id = "shipping", topics = OrderTopics.ORDERS, group = "shipping", mode = TopicListener.Mode.BALANCED,
            ordering = TopicListener.Ordering.KEY, parallelism = "64")
    void ship(Order order, @Key String customer, @Offset long offset) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));   // the courier's booking system
        Long before = lastOffsetOfCustomer.put(customer, offset);
        if (before != null && before >= offset) {
            outOfOrder.incrementAndGet();
        }
        shipped.add(order.id());
        log.info("Shipped order {} of {}", order.id(), customer);
    }

    boolean hasShipped(String orderId) {
        return shipped.contains(orderId);
    }

    /** Orders of a customer shipped before an earlier one of theirs (never, with key ordering). */
    int shippedOutOfOrder() {
        return outOfOrder.get();
    }
}

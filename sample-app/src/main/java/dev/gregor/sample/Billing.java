package dev.gregor.sample;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.spring.listener.Key;
import dev.gregor.spring.listener.TopicListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Bills orders: two members of the "billing" group share the orders topic's partitions. */
@Component
class Billing {

    private static final Logger log = LoggerFactory.getLogger(Billing.class);

    private final Set<String> billed = ConcurrentHashMap.newKeySet();
    private final AtomicLong cents = new AtomicLong();

    @TopicListener(id = "billing", topics = OrderTopics.ORDERS, group = "billing", mode = TopicListener.Mode.BALANCED,
            concurrency = "2")
    void bill(Order order, @Key String customer) {
        if (order.amount() < 0) {
            throw new IllegalArgumentException("Order " + order.id() + " has a negative amount: " + order.amount());
        }
        if (billed.add(order.id())) {
            cents.addAndGet(order.amount());
        }
        log.info("Billed order {} of {} for {} cents", order.id(), customer, order.amount());
    }

    int billedOrders() {
        return billed.size();
    }

    long billedCents() {
        return cents.get();
    }

    boolean hasBilled(String orderId) {
        return billed.contains(orderId);
    }
}

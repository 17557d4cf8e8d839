package dev.gregor.sample;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.gregor.spring.core.TopicTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Places a demo order every second (every tenth with a negative amount, for the dead-letter topic). */
@Component
@ConditionalOnProperty(name = "sample.demo-orders", havingValue = "true")
class DemoOrders {

    private static final List<String> CUSTOMERS = List.of("ada", "grace", "linus", "barbara");

    private final TopicTemplate template;
    private final AtomicLong count = new AtomicLong();

    DemoOrders(TopicTemplate template) {
        this.template = template;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 2000)
    void placeOne() {
        long n = count.incrementAndGet();
        String customer = CUSTOMERS.get((int) (n % CUSTOMERS.size()));
        template.send(OrderTopics.ORDERS, customer, new Order(UUID.randomUUID().toString(), customer, n % 10 == 0 ? -n : n * 100));
    }
}

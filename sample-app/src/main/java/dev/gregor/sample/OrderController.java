package dev.gregor.sample;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.gregor.spring.core.TopicTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Takes orders over HTTP and answers with where Kafka stored each one. */
@RestController
class OrderController {

    private final TopicTemplate template;
    private final Billing billing;
    private final Audit audit;

    OrderController(TopicTemplate template, Billing billing, Audit audit) {
        this.template = template;
        this.billing = billing;
        this.audit = audit;
    }

    /** What a client posts. */
    record NewOrder(String customer, long amount) {
    }

    @PostMapping("/orders")
    CompletableFuture<ResponseEntity<Map<String, Object>>> place(@RequestBody NewOrder request) {
        Order order = new Order(UUID.randomUUID().toString(), request.customer(), request.amount());
        return template.send(OrderTopics.ORDERS, order.customer(), order)
                .thenApply(report -> ResponseEntity.accepted().body(Map.<String, Object>of(
                        "id", order.id(), "partition", report.partition(), "offset", report.offset())))
                .exceptionally(error -> ResponseEntity.internalServerError().body(Map.of("error", String.valueOf(error.getMessage()))));
    }

    @GetMapping("/orders/stats")
    Map<String, Object> stats() {
        return Map.of("billed", billing.billedOrders(), "billedCents", billing.billedCents(), "audited", audit.auditedOrders());
    }
}

package dev.gregor.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gregor.KafkaClient;
import dev.gregor.Message;
import dev.gregor.consumer.ConsumerConfig;
import dev.gregor.consumer.SimpleConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.demo-orders=false")
class SampleApplicationTests {

    @LocalServerPort
    int port;
    @Autowired
    Billing billing;
    @Autowired
    Audit audit;
    @Autowired
    Export export;
    @Autowired
    Shipping shipping;
    @Autowired
    KafkaClient client;

    @Test
    void ordersPostedOverHttpAreBilledAndAuditedAndBadOnesLandInTheDeadLetterTopic() {
        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> answer = http.post().uri("/orders")
                    .body(Map.of("customer", "customer-" + (i % 3), "amount", i == 7 ? -5 : 100 + i))
                    .retrieve().body(new ParameterizedTypeReference<>() { });
            assertThat(answer).containsKeys("id", "partition", "offset");
            ids.add((String) answer.get("id"));
        }
        String refused = ids.get(7);

        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(audit::hasAudited));
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(export::hasExported));
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(shipping::hasShipped));
        assertThat(shipping.shippedOutOfOrder()).as("orders shipped before an earlier one of their customer").isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().filter(id -> !id.equals(refused)).allMatch(billing::hasBilled));
        assertThat(billing.hasBilled(refused)).isFalse();
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters().size() == 1);
        assertThat(deadLetters().get(0).valueAsString()).contains(refused);
        await().atMost(Duration.ofSeconds(60)).until(() -> audit.sawUnbilled(refused));

        Map<String, Object> health = http.get().uri("/actuator/health").retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(health).containsEntry("status", "UP");
        assertThat(http.get().uri("/actuator/metrics/gregor.consumer.records").retrieve().body(String.class))
                .contains("gregor.consumer.records");
    }

    private List<Message> deadLetters() {
        if (!client.topics().containsKey("orders.DLT")) {
            return List.of();
        }
        List<Message> all = new ArrayList<>();
        try (SimpleConsumer consumer = client.topic("orders.DLT").simpleConsumer(ConsumerConfig.builder()
                .consumerTimeout(Duration.ofSeconds(1)).build())) {
            consumer.forEach(all::add);
        }
        return all;
    }
}

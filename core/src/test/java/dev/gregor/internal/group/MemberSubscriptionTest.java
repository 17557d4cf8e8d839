package dev.gregor.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemberSubscriptionTest {

    @Test
    void encodesPyKafkasMemberNodeShape() {
        assertThat(new String(MemberSubscription.encode(List.of("orders"), 1_700_000_000_123L), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"subscription\":{\"orders\":1},\"pattern\":\"static\","
                        + "\"timestamp\":\"1700000000123\"}");
    }

    @Test
    void listsEveryTopicOfAMultiTopicMemberInSortedOrder() {
        assertThat(new String(MemberSubscription.encode(List.of("payments", "orders"), 7), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"subscription\":{\"orders\":1,\"payments\":1},\"pattern\":\"static\","
                        + "\"timestamp\":\"7\"}");
        assertThat(MemberSubscription.topics(MemberSubscription.encode(List.of("payments", "orders"), 7)))
                .containsExactly("orders", "payments");
    }

    @Test
    void recognisesTheTopicsOfASubscription() {
        byte[] data = "{\"version\":1,\"subscription\":{\"orders\":1,\"payments\":2},\"pattern\":\"static\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(MemberSubscription.topics(data)).containsExactly("orders", "payments");
        assertThat(MemberSubscription.topics(MemberSubscription.encode(List.of("orders"), 0))).containsExactly("orders");
        byte[] spaced = "{\"version\": 1, \"subscription\": {\"orders\": 1, \"payments\": 1}, \"pattern\": \"static\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(MemberSubscription.topics(spaced)).as("as Python's json.dumps writes it").containsExactly("orders",
                "payments");
    }

    @Test
    void rejectsTopicsOutsideTheSubscriptionAndNamesThatOnlyShareAPrefix() {
        byte[] data = "{\"subscription\":{\"orders-eu\":1},\"pattern\":\"static\",\"orders\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(MemberSubscription.topics(data)).containsExactly("orders-eu");
        assertThat(MemberSubscription.topics("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}

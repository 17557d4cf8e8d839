package dev.gregor.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MemberSubscriptionTest {

    @Test
    void encodesPyKafkasMemberNodeShape() {
        assertThat(new String(MemberSubscription.encode("orders", 1_700_000_000_123L), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"subscription\":{\"orders\":1},\"pattern\":\"static\","
                        + "\"timestamp\":\"1700000000123\"}");
    }

    @Test
    void recognisesTheTopicsOfASubscription() {
        byte[] data = "{\"version\":1,\"subscription\":{\"orders\":1,\"payments\":2},\"pattern\":\"static\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(MemberSubscription.subscribes(data, "orders")).isTrue();
        assertThat(MemberSubscription.subscribes(data, "payments")).isTrue();
        assertThat(MemberSubscription.subscribes(MemberSubscription.encode("orders", 0), "orders")).isTrue();
    }

    @Test
    void rejectsTopicsOutsideTheSubscriptionAndNamesThatOnlyShareAPrefix() {
        byte[] data = "{\"subscription\":{\"orders-eu\":1},\"pattern\":\"static\",\"orders\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(MemberSubscription.subscribes(data, "orders")).isFalse();
        assertThat(MemberSubscription.subscribes("not json".getBytes(StandardCharsets.UTF_8), "orders")).isFalse();
    }
}

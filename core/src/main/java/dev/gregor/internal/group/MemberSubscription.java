package dev.gregor.internal.group;

import java.nio.charset.StandardCharsets;

/**
 * The data of a member node: which topics the member reads, in the JSON shape PyKafka and Kafka's old consumers
 * write ({@code {"version":1,"subscription":{"<topic>":1},"pattern":"static","timestamp":"<ms>"}}).
 */
final class MemberSubscription {

    private static final String SUBSCRIPTION_KEY = "\"subscription\"";

    private MemberSubscription() {
    }

    /** The node data of a member reading {@code topic} (topic names need no JSON escaping), registered at {@code timestampMillis}. */
    static byte[] encode(String topic, long timestampMillis) {
        return String.format("{\"version\":1,\"subscription\":{\"%s\":1},\"pattern\":\"static\",\"timestamp\":\"%d\"}",
                topic, timestampMillis).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether member node data names {@code topic} in its subscription object. Only that fixed shape is understood:
     * the subscription is a flat object of topic names to counts, and topic names never need escaping.
     */
    static boolean subscribes(byte[] data, String topic) {
        String json = new String(data, StandardCharsets.UTF_8);
        int key = json.indexOf(SUBSCRIPTION_KEY);
        int open = key < 0 ? -1 : json.indexOf('{', key + SUBSCRIPTION_KEY.length());
        int close = open < 0 ? -1 : json.indexOf('}', open);
        return close >= 0 && json.substring(open, close).contains("\"" + topic + "\"");
    }
}
